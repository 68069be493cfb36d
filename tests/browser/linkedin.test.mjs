// LinkedIn: the Quill share box and comment box (grammar-checker opt-outs on them), and the
// newer ProseMirror (tiptap) share and comment boxes.

import { describe } from "node:test";
import { sharedChromium } from "./harness.mjs";
import { editorSpec } from "./editor-spec.mjs";

const { browser, screenshots } = sharedChromium();

describe("LinkedIn, Quill share box", () => {
  editorSpec(browser, {
    name: "linkedin quill share",
    fixture: "linkedin-quill.html",
    editor: "#share-editor",
    post: "button.share-actions__primary-action",
    shortcut: "Control+Enter",
    screenshotName: "linkedin-quill-share",
    screenshots,
  });
});

describe("LinkedIn, Quill comment box", () => {
  editorSpec(browser, {
    name: "linkedin quill comment",
    fixture: "linkedin-quill.html",
    editor: "#comment-editor",
    post: "button.comments-comment-box__submit-button",
    screenshotName: "linkedin-quill-comment",
    screenshots,
  });
});

describe("LinkedIn, ProseMirror share box", () => {
  editorSpec(browser, {
    name: "linkedin prosemirror share",
    fixture: "linkedin-prosemirror.html",
    editor: "#share-editor",
    post: "button.share-actions__primary-action",
    shortcut: "Control+Enter",
    screenshotName: "linkedin-prosemirror-share",
    screenshots,
  });
});

describe("LinkedIn, ProseMirror comment box", () => {
  editorSpec(browser, {
    name: "linkedin prosemirror comment",
    fixture: "linkedin-prosemirror.html",
    editor: "#comment-editor",
    post: "button.comments-comment-box__submit-button--cr",
    screenshotName: "linkedin-prosemirror-comment",
    screenshots,
  });
});
