// A photo the user removes from the post no longer counts (the s7 photo report, finding 7):
// on X, the composer's media strip (fixtures/x.html, like the site's
// div[data-testid="attachments"] with a remove button per photo) tells Vigie that the photos
// were removed when it goes right after a click in it. Removing one photo of two forgets
// neither: Vigie cannot tell which one went, and a false pause is better than a face going
// out; nor does a strip the site re-renders without the user touching it. Real built extension in Chromium.
// The photo: skimage's astronaut (NASA, public domain, Debian python3-skimage), as a JPEG
// without metadata (ImageMagick).

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { attachFaceOriginal, photoFile, photoToolsMissing, received, skimageJpeg } from "./attach-site.mjs";
import { sharedChromium } from "./harness.mjs";
import { dialog, mark, openFixture, posts, settle, typeText, waitAnalysed } from "./scenarios.mjs";

const skip = photoToolsMissing();
const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';
const STRIP = '[data-testid="attachments"]';
/** A care context with no name: alone it holds nothing; with a face in an attached photo it is critical. */
const CARE_POST = "Notre patient de la chambre 12 a retrouvé le sourire aujourd'hui !";

const { browser } = sharedChromium();
let dir;
let faceBytes;

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-removed-"));
  const file = path.join(dir, "face.jpg");
  skimageJpeg("astronaut.png", file);
  faceBytes = fs.readFileSync(file);
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** Attaches the face photo as `name` through X's file input, keeping the original; waits for the site's preview. */
async function attachFace(page, name) {
  const before = await page.locator(`${STRIP} img`).count();
  await attachFaceOriginal(page, photoFile(name, "image/jpeg", faceBytes), browser().messages);
  await received(page, before + 1);
  await page.locator(`${STRIP} img`).nth(before).waitFor();
}

/** Clicks the remove button of the `index`-th photo of the composer's media strip. */
async function removePhoto(page, index) {
  await page.locator(`${STRIP} [role="group"]`).nth(index).getByRole("button", { name: "Supprimer le média" }).click();
}

/** Removes the one photo left: the strip goes, its face no longer counts, and Post publishes at once. */
async function removeLastThenPost(page, critical) {
  await removePhoto(page, 0);
  await page.locator(STRIP).waitFor({ state: "detached" });
  // The face is forgotten: the text is analysed again without it.
  await critical.first().waitFor({ state: "detached" });
  await page.locator(POST).click();
  await page.waitForFunction(() => window.__posts.length === 1);
  await settle(page);
  assert.equal(await dialog(page).count(), 0, "the removed photo still paused Post");
}

/** The X composer with CARE_POST typed and analysed, and its critical marks (none until a face joins). */
async function carePost() {
  const page = await openFixture(browser().context, "x.html");
  await typeText(page, EDITOR, CARE_POST);
  await waitAnalysed(page, CARE_POST.length);
  return { page, critical: mark(page, { severity: "critical", category: "secret_medical" }) };
}

describe("a photo removed from the post", { skip }, () => {
  test("no longer pauses Post nor makes the care words critical", async () => {
    const { page, critical } = await carePost();
    await attachFace(page, "IMG_0050.jpg");
    await critical.first().waitFor();

    await removeLastThenPost(page, critical);
    assert.equal((await posts(page))[0].text, CARE_POST);
    await page.close();
  });

  test("previews that go away without the user touching them (a slow re-render) keep the photo counting", async () => {
    const { page, critical } = await carePost();
    await attachFace(page, "IMG_0053.jpg");
    await critical.first().waitFor();
    // The site takes its strip out and puts it back a second later, with no click in it.
    await page.evaluate(async (selector) => {
      const strip = document.querySelector(selector);
      const parent = strip.parentElement;
      const next = strip.nextSibling;
      strip.remove();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      parent.insertBefore(strip, next);
    }, STRIP);
    await page.locator(POST).click();
    await dialog(page).locator('li[data-vigie-category="droit_image"]', { hasText: "photo « IMG_0053.jpg »" }).waitFor();
    assert.equal(await critical.count() > 0, true, "the photo still attached no longer counts in the text");
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test("removing one photo of two keeps both counting; removing the other forgets them", async () => {
    const { page, critical } = await carePost();
    await attachFace(page, "IMG_0051.jpg");
    await attachFace(page, "IMG_0052.jpg");

    await removePhoto(page, 0);
    await page.locator(`${STRIP} img`).nth(1).waitFor({ state: "detached" });
    await page.locator(POST).click();
    const pause = dialog(page);
    // The photo still attached pauses Post (the removed one may be listed too: Vigie cannot tell which went).
    await pause.locator('li[data-vigie-category="droit_image"]', { hasText: "photo « IMG_0052.jpg »" }).waitFor();
    assert.equal(await critical.count() > 0, true, "the face still attached no longer counts in the text");
    await pause.getByRole("button", { name: browser().messages.dialogBack }).click();
    await pause.waitFor({ state: "detached" });
    assert.deepEqual(await posts(page), []);

    await removeLastThenPost(page, critical);
    await page.close();
  });
});
