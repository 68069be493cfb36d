// Photos whose picture Vigie cannot look at, with the real built extension in Chromium (the s7
// photo report, findings 1, 2 and 6): a HEIC Chromium cannot decode, or a GIF.
// - An undecodable photo is held: its card says plainly that nothing in the picture was
//   checked (faces, codes, text), instead of closing by itself with a notice about text only.
// - One undecodable HEIC in a pick does not take the clean copy away from the others: they are
//   cleaned, the HEIC goes as it is, with a line naming it only when it carries metadata.
// - A GIF (still or animated) goes through the face check like the other formats.
// The photos: skimage's astronaut (a face), rocket and coffee (NASA / public domain, Debian
// python3-skimage), made into JPEG, HEIC (heif-enc) and GIF (ImageMagick); GPS by ExifTool.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  browserDecodes, hotelDieu, photoFile, photoToolsMissing, received, receivedBytes, SKIMAGE, skimageJpeg, withGps,
} from "./attach-site.mjs";
import { screenshot, sharedChromium } from "./harness.mjs";
import { dialog, openFixture } from "./scenarios.mjs";

const skip = photoToolsMissing();
const skipHeif = skip || (!fs.existsSync("/usr/bin/heif-enc") && "heif-enc missing (libheif-examples)");
const FACEBOOK_INPUT = "input[type=file][data-fixture-files]";

const { browser, screenshots } = sharedChromium();
let dir;
const photos = {};

const photo = (name, mimeType, file) => photoFile(name, mimeType, fs.readFileSync(file));

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-unchecked-"));
  const file = (name) => path.join(dir, name);
  skimageJpeg("astronaut.png", file("face.jpg"));
  skimageJpeg("rocket.jpg", file("rocket.jpg"));
  withGps(file("rocket.jpg"), file("gps.jpg"), hotelDieu());
  photos.gps = photo("IMG_4003.jpg", "image/jpeg", file("gps.jpg"));
  // A still GIF, and an animated one whose first frame shows the face.
  execFileSync("convert", [`${SKIMAGE}/astronaut.png`, file("face.gif")]);
  execFileSync("convert", ["-delay", "50", `${SKIMAGE}/astronaut.png`, `${SKIMAGE}/coffee.png`, "-loop", "0", file("animated.gif")]);
  photos.gif = photo("astronaute.gif", "image/gif", file("face.gif"));
  photos.animated = photo("anime.gif", "image/gif", file("animated.gif"));
  if (skipHeif) return;
  // An iPhone photo with location off: a face, no GPS; and one with GPS inside the Hôtel-Dieu.
  execFileSync("heif-enc", ["-q", "60", file("face.jpg"), "-o", file("face.heic")], { stdio: "ignore" });
  execFileSync("heif-enc", ["-q", "60", file("rocket.jpg"), "-o", file("rocket.heic")], { stdio: "ignore" });
  withGps(file("rocket.heic"), file("gps.heic"), hotelDieu());
  photos.faceHeic = photo("IMG_4001.heic", "image/heic", file("face.heic"));
  photos.gpsHeic = photo("IMG_4002.heic", "image/heic", file("gps.heic"));
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** Whether this Chromium decodes HEIC itself (then nothing here is undecodable). */
const decodesHeic = (page) => browserDecodes(page, photos.faceHeic);

/** The GPS tags ExifTool finds in the `index`-th file the site received. */
async function gpsTagsReceived(page, index) {
  const file = path.join(dir, `received-${crypto.randomUUID()}.jpg`);
  fs.writeFileSync(file, await receivedBytes(page, index));
  const [tags] = JSON.parse(execFileSync("exiftool", ["-j", "-G", "-a", file], { encoding: "utf8" }));
  fs.rmSync(file);
  return Object.keys(tags).filter((key) => /GPS/.test(key));
}

describe("a photo Vigie cannot look at", { skip }, () => {
  test("Facebook: an iPhone HEIC with a face → the card stays and says nothing in the picture was checked; the original can go", { skip: skipHeif }, async (t) => {
    const page = await openFixture(browser().context, "facebook.html");
    if (await decodesHeic(page)) return t.skip("this Chromium decodes HEIC");
    const { messages } = browser();
    await page.locator(FACEBOOK_INPUT).setInputFiles(photos.faceHeic);
    const card = dialog(page);
    const section = card.locator(`section[data-vigie-file="${photos.faceHeic.name}"]`);
    const line = section.locator('li[data-vigie-rule="image-non-verifiee"][data-vigie-severity="warning"]');
    await line.waitFor();
    assert.ok((await line.innerText()).includes(messages.attachPictureNotChecked), await line.innerText());
    assert.equal(await card.locator("h2").innerText(), messages.attachTitleNotChecked);
    assert.match(await section.locator("h3").innerText(), /IMG_4001\.heic/);
    // One line says it all: not three half-answers, and no reading that would fail.
    assert.equal(await card.locator("li").count(), 1);
    assert.equal(await card.locator("[data-vigie-reading]:not([hidden])").count(), 0);
    // Nothing to remove from this HEIC: no "attached as it is" line.
    assert.equal(await card.getByText(messages.attachReencodeUnsupported.replace("$1", photos.faceHeic.name)).count(), 0);
    assert.equal(await page.evaluate(() => window.__files.length), 0, "the site saw the photo before the user chose");
    screenshots.push(await screenshot(page, "attach-heic-not-checked"));
    await card.getByRole("button", { name: messages.attachOriginal }).click();
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.sha256]), [[photos.faceHeic.name, photos.faceHeic.sha256]]);
    await page.close();
  });

  test("Facebook: JPEG with GPS + two HEICs → the clean copy cleans the JPEG, the HEICs go as they are, the one with GPS named", { skip: skipHeif }, async (t) => {
    const page = await openFixture(browser().context, "facebook.html");
    if (await decodesHeic(page)) return t.skip("this Chromium decodes HEIC");
    const { messages } = browser();
    await page.locator(FACEBOOK_INPUT).setInputFiles([photos.gps, photos.faceHeic, photos.gpsHeic]);
    const card = dialog(page);
    await card.locator(`section[data-vigie-file="${photos.gps.name}"] li[data-vigie-severity="critical"]`).waitFor();
    await card.locator(`section[data-vigie-file="${photos.gpsHeic.name}"] li[data-vigie-rule="image-non-verifiee"]`).waitFor();
    await card.getByText(messages.attachReencodeUnsupported.replace("$1", photos.gpsHeic.name)).waitFor();
    assert.equal(await card.getByText(messages.attachReencodeUnsupported.replace("$1", photos.faceHeic.name)).count(), 0,
      "a line for a HEIC with nothing to remove");
    const clean = card.getByRole("button", { name: messages.attachClean });
    assert.ok(await clean.isEnabled(), "one undecodable HEIC disabled the clean copy of the others");
    screenshots.push(await screenshot(page, "attach-jpeg-and-heics"));
    await clean.click();
    const files = await received(page, 3);
    assert.deepEqual(files.map((f) => f.name), [photos.gps.name, photos.faceHeic.name, photos.gpsHeic.name]);
    assert.notEqual(files[0].sha256, photos.gps.sha256, "the JPEG was not cleaned");
    assert.deepEqual(await gpsTagsReceived(page, 0), []);
    assert.deepEqual(files.slice(1).map((f) => f.sha256), [photos.faceHeic.sha256, photos.gpsHeic.sha256]);
    await page.close();
  });

  test("Facebook: two photos too large to check → two notices stacked, each naming its photo, each closed on its own", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      for (const name of ["grande-1.jpg", "grande-2.jpg"]) transfer.items.add(new File([new Uint8Array(31_000_000)], name, { type: "image/jpeg" }));
      const zone = document.querySelector("[data-fixture-dropzone]");
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    const notices = page.locator('[data-vigie="attach-notice"] [role="status"]');
    await notices.nth(1).waitFor();
    const [first, second] = [await notices.nth(0).innerText(), await notices.nth(1).innerText()];
    assert.match(first, /grande-1\.jpg/);
    assert.match(second, /grande-2\.jpg/);
    const [a, b] = [await notices.nth(0).boundingBox(), await notices.nth(1).boundingBox()];
    assert.ok(a.y + a.height <= b.y || b.y + b.height <= a.y, "one notice covers the other");
    screenshots.push(await screenshot(page, "attach-notices-stacked"));
    await notices.nth(0).getByRole("button", { name: browser().messages.cardClose }).click();
    await page.waitForFunction(() => document.querySelector('[data-vigie="attach-notice"]').shadowRoot.querySelectorAll("[role=status]").length === 1);
    assert.match(await notices.nth(0).innerText(), /grande-2\.jpg/);
    await page.close();
  });

  for (const [kind, key] of [["a still", "gif"], ["an animated", "animated"]]) {
    test(`X: ${kind} GIF showing a face → « 1 visage » on the card, like a JPEG; the original goes as it is`, async () => {
      const page = await openFixture(browser().context, "x.html");
      const gif = photos[key];
      await page.locator('[data-testid="fileInput"]').setInputFiles(gif);
      const card = dialog(page);
      const face = card.locator(`section[data-vigie-file="${gif.name}"] li[data-vigie-rule="image-visages"]`);
      await face.waitFor();
      assert.match(await face.innerText(), /1 visage/);
      // No clean copy can be made of a GIF: the card neither offers one nor says what it would keep.
      const { messages } = browser();
      assert.equal(await card.getByRole("button", { name: messages.attachClean }).isVisible(), false);
      assert.equal(await card.getByText(messages.attachCleanKeepsPicture).count(), 0);
      await card.getByRole("button", { name: messages.attachOriginal }).click();
      const files = await received(page, 1);
      assert.deepEqual(files.map((f) => [f.name, f.sha256]), [[gif.name, gif.sha256]]);
      await page.close();
    });
  }
});
