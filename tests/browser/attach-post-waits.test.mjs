// Post while Vigie still checks a photo (the s7 re-check, finding 4): a nurse drops a large
// photo and posts at once. Vigie holds the photo (the site does not have it yet), so nothing
// is published: the pause says that the photo is still checked and not in the post yet, it
// closes by itself when the photo's card opens, and the user posts afterwards with the photo.
// The same goes for the keyboard shortcut. Real built extension in Chromium, X fixture page.
// The photo: skimage's astronaut (NASA, public domain, Debian python3-skimage) enlarged to
// 12 MP by ImageMagick, so that its check lasts a while even on a fast machine.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { dropFile, photoFile, photoToolsMissing, received, SKIMAGE } from "./attach-site.mjs";
import { sharedChromium } from "./harness.mjs";
import { CLEAN_POST, dialog, openFixture, posts, publishAnyway, settle, typeText, waitAnalysed } from "./scenarios.mjs";

const skip = photoToolsMissing();
const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';
const PHOTO_NAME = "IMG_2001.jpg";

const { browser } = sharedChromium();
let dir;
let photo;

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-post-waits-"));
  const file = path.join(dir, PHOTO_NAME);
  execFileSync("convert", [`${SKIMAGE}/astronaut.png`, "-resize", "4000x3000!", "-strip", "-quality", "92", file]);
  photo = photoFile(PHOTO_NAME, "image/jpeg", fs.readFileSync(file));
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** Drops the photo on the composer as a file dragged from the desktop, then waits for Vigie's marker. */
async function dropPhoto(page) {
  await dropFile(page, "[data-fixture-dropzone]", photo);
  await page.locator('[data-vigie="attach-checking"]').waitFor({ state: "attached" });
}

/** The pause that says the photo is still being checked; resolves once it shows. */
async function waitingPause(page) {
  const pause = page.getByRole("dialog", { name: browser().messages.dialogTitle });
  await pause.waitFor();
  assert.match(await pause.innerText(), new RegExp(`Vigie vérifie encore la photo « ${PHOTO_NAME} » : elle n'est pas encore dans votre publication`));
  return pause;
}

/** The photo's card, once the check is over (the face holds it); the waiting pause has closed. */
async function photoCard(page, pause) {
  const card = dialog(page);
  await card.locator('li[data-vigie-rule="image-visages"]').waitFor({ timeout: 60_000 });
  await pause.waitFor({ state: "detached" });
  return card;
}

describe("Post while a photo is still checked", { skip }, () => {
  test("a click on Post publishes nothing, says why, and the post goes out with the photo afterwards", async () => {
    const page = await openFixture(browser().context, "x.html");
    await typeText(page, EDITOR, CLEAN_POST);
    await waitAnalysed(page, CLEAN_POST.length);
    await dropPhoto(page);
    await page.locator(POST).click();
    const pause = await waitingPause(page);
    assert.deepEqual(await posts(page), [], "the text went out without its photo");

    const card = await photoCard(page, pause);
    assert.deepEqual(await posts(page), []);
    await card.getByRole("button", { name: browser().messages.attachOriginal }).click();
    await card.waitFor({ state: "detached" });
    assert.equal((await received(page, 1))[0].name, PHOTO_NAME);
    assert.equal((await page.locator(EDITOR).innerText()).trim(), CLEAN_POST, "the text typed was lost");
    // The focus is back in the text, not on the Post button the click focused: typing goes on
    // (a space there would have pressed Post).
    await page.keyboard.type(" Merci");
    await settle(page);
    assert.deepEqual(await posts(page), [], "a key typed after the card pressed Post");
    assert.equal((await page.locator(EDITOR).innerText()).trim(), `${CLEAN_POST} Merci`);

    // Now the photo is in the post: the usual pause for its face, then the post goes out.
    await page.locator(POST).click();
    await dialog(page).locator('li[data-vigie-category="droit_image"]', { hasText: `photo « ${PHOTO_NAME} »` }).waitFor();
    await publishAnyway(page, browser().messages);
    await page.waitForFunction(() => window.__posts.length === 1);
    assert.equal((await posts(page))[0].text, `${CLEAN_POST} Merci`);
    await page.close();
  });

  test("Ctrl+Enter publishes nothing either; from the keyboard alone, Escape on the card then Ctrl+Enter sends the text", async () => {
    const page = await openFixture(browser().context, "x.html");
    await typeText(page, EDITOR, CLEAN_POST);
    await waitAnalysed(page, CLEAN_POST.length);
    await dropPhoto(page);
    await page.locator(EDITOR).press("Control+Enter");
    const pause = await waitingPause(page);
    assert.deepEqual(await posts(page), []);

    // No click from here on: the focus must come back to the editor by itself, through the
    // pause that closed and the card.
    const card = await photoCard(page, pause);
    await page.keyboard.press("Escape");
    await card.waitFor({ state: "detached" });
    assert.equal(await page.evaluate((selector) => document.activeElement === document.querySelector(selector), EDITOR), true,
      "the focus did not come back to the editor");
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction(() => window.__posts.length === 1);
    assert.equal((await posts(page))[0].text, CLEAN_POST);
    await settle(page);
    assert.equal(await page.evaluate(() => window.__files.length), 0, "a cancelled photo reached the site");
    await page.close();
  });
});
