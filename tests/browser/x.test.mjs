// X: the Draft.js composer (tweetTextarea_0, tweetButtonInline, Ctrl+Enter), the reply
// box of a conversation (the same editor, "Répondre") and the mobile web textarea (measured
// through a mirror).

import { describe } from "node:test";
import { sharedChromium } from "./harness.mjs";
import { editorSpec } from "./editor-spec.mjs";

const { browser, screenshots } = sharedChromium();

describe("X, Draft.js composer", () => {
  editorSpec(browser, {
    name: "x draftjs",
    fixture: "x.html",
    editor: '[data-testid="tweetTextarea_0"]',
    post: '[data-testid="tweetButtonInline"]',
    shortcut: "Control+Enter",
    screenshotName: "x-draftjs",
    screenshots,
  });
});

describe("X, reply box", () => {
  editorSpec(browser, {
    name: "x reply",
    fixture: "x-reply.html",
    editor: '[data-testid="tweetTextarea_0"]',
    post: '[data-testid="tweetButtonInline"]',
    shortcut: "Control+Enter",
    screenshotName: "x-reply",
    screenshots,
  });
});

describe("X, mobile textarea", () => {
  editorSpec(browser, {
    name: "x textarea",
    fixture: "x-mobile.html",
    editor: 'textarea[data-testid="tweetTextarea_0"]',
    post: '[data-testid="tweetButton"]',
    shortcut: "Control+Enter",
    textarea: true,
    screenshotName: "x-mobile-textarea",
    screenshots,
  });
});
