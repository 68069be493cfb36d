// What an attached photo shows counts when the user presses Post (issue 6): its faces hold the
// post even when the text is clean, a face plus a care context in the text is a breach of
// medical secrecy underlined in the text, and once the post went out the photo no longer
// counts. Real built extension in Chromium, X fixture page; the photo is skimage's astronaut
// (NASA, public domain, Debian python3-skimage), stripped of metadata by ImageMagick.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { attachFaceOriginal } from "./attach-site.mjs";
import { sharedChromium } from "./harness.mjs";
import { CLEAN_POST, dialog, mark, openFixture, posts, publishAnyway, settle, typeText, waitAnalysed } from "./scenarios.mjs";

const ASTRONAUT = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png";
const skip = !fs.existsSync(ASTRONAUT) && "skimage's astronaut.png missing (python3-skimage)";
const EDITOR = '[data-testid="tweetTextarea_0"]';
const POST = '[data-testid="tweetButtonInline"]';
const PHOTO_NAME = "IMG_0060.jpg";
/** A care context ("patient", "chambre") with no name: alone, the text holds nothing. */
const CARE_POST = "Notre patient de la chambre 12 a retrouvé le sourire aujourd'hui !";

const { browser } = sharedChromium();
let dir;
let astronaut;

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-post-"));
  const file = path.join(dir, PHOTO_NAME);
  execFileSync("convert", [ASTRONAUT, "-strip", "-quality", "92", file]);
  astronaut = { name: PHOTO_NAME, mimeType: "image/jpeg", buffer: fs.readFileSync(file) };
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** Attaches the astronaut through the file input and keeps the original from the card. */
async function attachFace(page) {
  await attachFaceOriginal(page, astronaut, browser().messages);
  await page.waitForFunction(() => window.__files.length === 1);
}

describe("an attached photo at Post", { skip }, () => {
  test("a face in the photo holds a clean text's post; « Revenir au texte » keeps it unsent", async () => {
    const page = await openFixture(browser().context, "x.html");
    await attachFace(page);
    await typeText(page, EDITOR, CLEAN_POST);
    await waitAnalysed(page, CLEAN_POST.length);
    await page.locator(POST).click();
    const box = dialog(page);
    const face = box.locator('li[data-vigie-category="droit_image"][data-vigie-severity="warning"]');
    await face.waitFor();
    assert.match(await face.innerText(), /1 visage : l'accord écrit de chaque personne est nécessaire/);
    assert.match(await face.innerText(), new RegExp(`photo « ${PHOTO_NAME} »`));
    await box.getByRole("button", { name: browser().messages.dialogBack }).click();
    await box.waitFor({ state: "detached" });
    await settle(page);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });

  test("a face plus a care context is underlined as critical; after the post the photo no longer counts", async () => {
    const page = await openFixture(browser().context, "x.html");
    await typeText(page, EDITOR, CARE_POST);
    await waitAnalysed(page, CARE_POST.length);
    const critical = mark(page, { severity: "critical", category: "secret_medical" });
    assert.equal(await critical.count(), 0, "a care context alone is not a breach");

    await attachFace(page);
    // The text is analysed again with the face: the care words are now critical.
    await critical.first().waitFor();
    await page.locator(POST).click();
    const box = dialog(page);
    // Said once, with each care word it fired on.
    const faceWithCare = box.locator('li[data-vigie-severity="critical"]', { hasText: "Un visage apparaît sur la photo jointe" });
    await faceWithCare.first().waitFor();
    assert.equal(await faceWithCare.count(), 1);
    assert.match(await faceWithCare.innerText(), /« patient », « chambre »/);
    await box.locator('li[data-vigie-category="droit_image"]', { hasText: `photo « ${PHOTO_NAME} »` }).waitFor();
    await publishAnyway(page, browser().messages);
    await page.waitForFunction(() => window.__posts.length === 1);
    assert.equal((await posts(page))[0].text, CARE_POST);

    // The next post starts without the photo: the same words hold nothing.
    await page.locator(EDITOR).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Encore merci.");
    const next = `${CARE_POST} Encore merci.`;
    await waitAnalysed(page, next.length);
    assert.equal(await critical.count(), 0, "the posted photo still counts");
    await page.locator(POST).click();
    await page.waitForFunction(() => window.__posts.length === 2);
    assert.equal(await dialog(page).count(), 0);
    await page.close();
  });
});
