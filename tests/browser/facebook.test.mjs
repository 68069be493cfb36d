// Facebook: the Lexical post composer (Post button) and a Lexical comment box, where Enter
// sends the comment.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sharedChromium } from "./harness.mjs";
import { editorSpec } from "./editor-spec.mjs";
import * as s from "./scenarios.mjs";

const { browser, screenshots } = sharedChromium();

describe("Facebook, Lexical post composer", () => {
  editorSpec(browser, {
    name: "facebook post",
    fixture: "facebook.html",
    editor: "#post-editor",
    post: '[role="dialog"] [role="button"][aria-label="Publier"]',
    screenshotName: "facebook-lexical-post",
    screenshots,
  });

  test("facebook post: Enter in the post composer is a line break, never held", async () => {
    const page = await s.openFixture(browser().context, "facebook.html");
    await s.typeText(page, "#post-editor", s.NIR_POST);
    await s.mark(page, { severity: "critical" }).first().waitFor();
    await page.keyboard.press("Enter");
    await s.settle(page);
    assert.equal(await s.dialog(page).count(), 0);
    assert.deepEqual(await s.posts(page), []);
    await page.close();
  });
});

describe("Facebook, Lexical comment box", () => {
  editorSpec(browser, {
    name: "facebook comment",
    fixture: "facebook.html",
    editor: "#comment-editor",
    shortcut: "Enter",
    screenshotName: "facebook-lexical-comment",
    screenshots,
  });
});
