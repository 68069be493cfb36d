// While Vigie checks attached photos, with the real built extension in Chromium (the s7 photo
// report, findings 3, 4, 9 and 10):
// - a marker « Vigie vérifie la photo… » shows from the moment the photo is held until its card;
// - a second pick in the same file input while the first is held is reviewed too, after it,
//   and the site gets each decision's own files (nothing unanalysed, nothing dropped);
// - a photo with nothing to say, in a several-photo card, says so, and a clean photo's card
//   never claims that "the photo says more than it shows".
// The photos: skimage's astronaut (a face), rocket and coffee (NASA / public domain, Debian
// python3-skimage), made into JPEGs without metadata by ImageMagick; GPS by ExifTool.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { photoFile, photoToolsMissing, received, skimageJpeg, withGps } from "./attach-site.mjs";
import { FIREFOX, openFirefoxFixture, sharedChromium, sharedFirefox } from "./harness.mjs";
import { dialog, openFixture } from "./scenarios.mjs";

const skip = photoToolsMissing();
const X_INPUT = '[data-testid="fileInput"]';

const { browser } = sharedChromium();
let dir;
const photos = {};

const photo = (name, file) => photoFile(name, "image/jpeg", fs.readFileSync(file));

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-waiting-"));
  const file = (name) => path.join(dir, name);
  skimageJpeg("astronaut.png", file("face.jpg"));
  skimageJpeg("coffee.png", file("coffee.jpg"));
  skimageJpeg("rocket.jpg", file("rocket.jpg"));
  // A phone's GPS (outside the CHU: a warning) and date.
  withGps(file("rocket.jpg"), file("gps.jpg"), { latitude: 47.2, longitude: -1.5 }, "-DateTimeOriginal=2024:05:17 14:03:22");
  photos.face = photo("visage.jpg", file("face.jpg"));
  photos.coffee = photo("cafe.jpg", file("coffee.jpg"));
  photos.gps = photo("premiere.jpg", file("gps.jpg"));
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Records in the page, from now on, the checking marker's texts and every title the attach
 * card shows (the card's title changes while it reads; the card may close by itself).
 */
async function recordVigieUi(page) {
  await page.evaluate(() => {
    window.__markers = [];
    window.__titles = [];
    const watchCard = (root) => {
      const note = () => {
        const title = root.querySelector("h2")?.textContent;
        if (title && window.__titles.at(-1) !== title) window.__titles.push(title);
      };
      note();
      new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true });
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const kind = node.getAttribute?.("data-vigie");
          if (kind === "attach-checking") window.__markers.push(node.shadowRoot.textContent.trim());
          if (kind === "attach" && node.shadowRoot) watchCard(node.shadowRoot);
        }
      }
    }).observe(document.documentElement, { childList: true });
  });
}

/** She picks the GPS photo, then the face photo before deciding about the first (its card may or may not be open yet). */
async function pickTwice(page) {
  const input = page.locator(X_INPUT);
  await input.setInputFiles(photos.gps);
  await input.setInputFiles(photos.face);
  return input;
}

const markerShown = (page) => page.locator('[data-vigie="attach-checking"]').count();

describe("while Vigie checks attached photos", { skip }, () => {
  test("X: « Vigie vérifie la photo… » shows as soon as the photo is held, and goes when the card opens", async () => {
    const page = await openFixture(browser().context, "x.html");
    await recordVigieUi(page);
    await page.locator(X_INPUT).setInputFiles(photos.gps);
    const card = dialog(page);
    await card.locator('li[data-vigie-severity="warning"]').first().waitFor();
    const { messages } = browser();
    assert.equal(await markerShown(page), 0, "the marker stays over the card");
    await card.getByRole("button", { name: messages.attachOriginal }).click();
    await received(page, 1);
    assert.ok((await page.evaluate(() => window.__markers)).some((text) => text.includes(messages.attachChecking)),
      "no « Vigie vérifie la photo… » while the photo was held");
    await page.close();
  });

  test("X: a clean photo's marker goes once the site has it; its card never says « cette photo en dit plus… »", async () => {
    const page = await openFixture(browser().context, "x.html");
    await recordVigieUi(page);
    await page.locator(X_INPUT).setInputFiles(photos.coffee);
    const [got] = await received(page, 1);
    assert.equal(got.sha256, photos.coffee.sha256);
    await page.waitForFunction(() => !document.querySelector('[data-vigie="attach-checking"], [data-vigie="attach"]'));
    const { messages } = browser();
    assert.ok((await page.evaluate(() => window.__markers)).length > 0, "no marker while the photo was held");
    assert.ok(!(await page.evaluate(() => window.__titles)).includes(messages.attachTitle),
      "the card claimed the clean photo says more than it shows");
    await page.close();
  });

  test("X: a second pick while the first is held is reviewed after it; the site gets the first's clean copy, then the second", async () => {
    const page = await openFixture(browser().context, "x.html");
    await pickTwice(page);
    const { messages } = browser();
    const card = dialog(page);
    await card.locator(`section[data-vigie-file="${photos.gps.name}"] li[data-vigie-severity="warning"]`).first().waitFor();
    await card.getByRole("button", { name: messages.attachClean }).click();
    // The face photo was not let through unanalysed: its own card comes next.
    const face = dialog(page).locator(`section[data-vigie-file="${photos.face.name}"] li[data-vigie-rule="image-visages"]`);
    await face.waitFor();
    assert.deepEqual((await received(page, 1)).map((f) => f.name), [photos.gps.name]);
    await dialog(page).getByRole("button", { name: messages.attachOriginal }).click();
    const files = await received(page, 2);
    assert.deepEqual(files.map((f) => f.name), [photos.gps.name, photos.face.name]);
    assert.notEqual(files[0].sha256, photos.gps.sha256, "the first photo went without its clean copy");
    assert.equal(files[1].sha256, photos.face.sha256);
    await page.close();
  });

  test("X: a second pick while the first is held, first cancelled → only the second reaches the site", async () => {
    const page = await openFixture(browser().context, "x.html");
    const input = await pickTwice(page);
    const { messages } = browser();
    const card = dialog(page);
    await card.locator(`section[data-vigie-file="${photos.gps.name}"]`).waitFor();
    await card.getByRole("button", { name: messages.attachCancel }).click();
    await dialog(page).locator(`section[data-vigie-file="${photos.face.name}"] li[data-vigie-rule="image-visages"]`).waitFor();
    await dialog(page).getByRole("button", { name: messages.attachOriginal }).click();
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.sha256]), [[photos.face.name, photos.face.sha256]]);
    assert.equal(await input.evaluate((element) => element.files[0]?.name), photos.face.name);
    await page.close();
  });

  test("Facebook: two photos in one card → a plural marker and title, and « Rien à signaler » under the one with nothing to say", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await recordVigieUi(page);
    await page.locator("input[type=file][data-fixture-files]").setInputFiles([photos.gps, photos.coffee]);
    const { messages } = browser();
    const section = dialog(page).locator(`section[data-vigie-file="${photos.coffee.name}"]`);
    // Once its text has been read (nothing found), its section says so instead of staying empty.
    const nothing = section.locator("li[data-vigie-nothing]");
    await nothing.waitFor();
    assert.equal(await nothing.innerText(), messages.attachNothingToSay);
    assert.equal(await dialog(page).locator("h2").innerText(), messages.attachTitleMany, "a singular title for two photos");
    const markers = await page.evaluate(() => window.__markers);
    assert.equal(markers.length, 1, "one marker for the two photos");
    assert.ok(markers[0].endsWith(messages.attachCheckingMany), `a singular marker for two photos: ${markers[0]}`);
    await dialog(page).getByRole("button", { name: messages.attachCancel }).click();
    await page.close();
  });
});

describe("while Vigie checks attached photos, Firefox", { skip: skip || (!fs.existsSync(FIREFOX) && "firefox-esr missing") }, () => {
  const firefox = sharedFirefox();
  const inCard = (selector) => `[data-vigie="attach"] >>> ${selector}`;

  test("firefox, X: a second pick while the first is held is reviewed after it; the site gets the first's clean copy, then the second", async () => {
    const page = await openFirefoxFixture(firefox(), "x.html");
    const input = await page.$(X_INPUT);
    for (const picked of [photos.gps, photos.face]) {
      const file = path.join(dir, picked.name);
      fs.writeFileSync(file, picked.buffer);
      await input.uploadFile(file);
    }
    await page.waitForSelector(inCard(`section[data-vigie-file="${photos.gps.name}"]`), { timeout: 20000 });
    await (await page.waitForSelector(inCard('button[data-vigie-choice="clean"]'))).click();
    // Its `change` after its `input` is not taken for a new pick: the next card is the face's.
    await page.waitForSelector(inCard(`section[data-vigie-file="${photos.face.name}"] li[data-vigie-rule="image-visages"]`), { timeout: 20000 });
    await (await page.waitForSelector(inCard('button[data-vigie-choice="original"]'))).click();
    const files = await page
      .waitForFunction(() => window.__files.length >= 2 && window.__files.every((f) => f.sha256) && window.__files, { timeout: 20000 })
      .then((handle) => handle.jsonValue());
    assert.deepEqual(files.map((f) => f.name), [photos.gps.name, photos.face.name]);
    assert.notEqual(files[0].sha256, photos.gps.sha256, "the first photo went without its clean copy");
    assert.equal(files[1].sha256, photos.face.sha256);
    assert.equal(await page.evaluate(() => document.querySelector('[data-vigie="attach"]')), null, "a card left open");
  });
});
