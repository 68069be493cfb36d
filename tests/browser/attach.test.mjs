// Photos entering a compose area (issue 5), with the real built extension in Chromium: the
// card says what the file tells that the picture does not show (a GPS position inside the
// Hôtel-Dieu), and the "site" (fixture pages and their recorder) receives the clean copy,
// the original, or nothing, through a file input, a paste or a drop.
// The photos are made here with ExifTool (the oracle too) and heif-enc (HEIC, AVIF) from
// skimage's rocket.jpg (NASA, public domain, Debian python3-skimage).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { browserDecodes, dropFile, hotelDieu, photoFile, received, receivedBytes } from "./attach-site.mjs";
import { FIREFOX, openFirefoxFixture, screenshot, sharedChromium, sharedFirefox } from "./harness.mjs";
import { boxesInPicture, dialog, openFixture, settle } from "./scenarios.mjs";

const ROCKET = "/usr/lib/python3/dist-packages/skimage/data/rocket.jpg";
const missing = [ROCKET, "/usr/bin/exiftool"].find((file) => !fs.existsSync(file));
const skip = missing ? `${missing} missing (python3-skimage, libimage-exiftool-perl)` : false;
const skipHeif = !fs.existsSync("/usr/bin/heif-enc") && "heif-enc missing (libheif-examples)";

const { browser, screenshots } = sharedChromium();
let dir;
const photos = {};

function photo(name, bytes) {
  return photoFile(name, "image/jpeg", bytes);
}

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-"));
  const { latitude, longitude } = hotelDieu();
  const gps = path.join(dir, "gps.jpg");
  const plain = path.join(dir, "plain.jpg");
  // Everything but the colour profile goes, then a phone's GPS, date and device come in.
  execFileSync("exiftool", ["-q", "-q", "-all=", "--ICC_Profile:all", `-GPSLatitude=${latitude}`, "-GPSLatitudeRef=N",
    `-GPSLongitude=${-longitude}`, "-GPSLongitudeRef=W", "-Make=Apple", "-Model=iPhone 15",
    "-DateTimeOriginal=2024:05:17 14:03:22", "-o", gps, ROCKET]);
  execFileSync("exiftool", ["-q", "-q", "-all=", "-o", plain, ROCKET]);
  photos.gps = photo("IMG_0042.jpg", fs.readFileSync(gps));
  photos.plain = photo("IMG_0043.jpg", fs.readFileSync(plain));
  if (skipHeif) return;
  for (const [kind, mimeType, name] of [["avif", "image/avif", "IMG_0044.avif"], ["heic", "image/heic", "IMG_0045.heic"]]) {
    const encoded = path.join(dir, `plain.${kind}`);
    const withGps = path.join(dir, `gps.${kind}`);
    execFileSync("heif-enc", ["-q", "60", plain, "-o", encoded], { stdio: "ignore" });
    execFileSync("exiftool", ["-q", "-q", `-GPSLatitude=${latitude}`, "-GPSLatitudeRef=N", `-GPSLongitude=${-longitude}`,
      "-GPSLongitudeRef=W", "-o", withGps, encoded]);
    photos[kind] = { ...photo(name, fs.readFileSync(withGps)), mimeType };
  }
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** What ExifTool finds in bytes: GPS tags and the metadata groups. */
function exiftool(bytes) {
  const file = path.join(dir, `received-${crypto.randomUUID()}.jpg`);
  fs.writeFileSync(file, bytes);
  const [tags] = JSON.parse(execFileSync("exiftool", ["-j", "-G", "-a", file], { encoding: "utf8" }));
  fs.rmSync(file);
  return tags;
}

/** Decodes both files in the page (the browser's decoder) and compares their pixels. */
async function samePixels(page, a, b) {
  return page.evaluate(async ([x, y]) => {
    const pixels = async (base64) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext("2d");
      context.drawImage(bitmap, 0, 0);
      return context.getImageData(0, 0, bitmap.width, bitmap.height);
    };
    const [p, q] = await Promise.all([pixels(x), pixels(y)]);
    return p.width === q.width && p.height === q.height && p.data.every((v, i) => v === q.data[i]);
  }, [a.toString("base64"), b.toString("base64")]);
}

/** A file as a page would get it from the clipboard or a drag: built in the page. */
function pageFile(file) {
  return { base64: file.buffer.toString("base64"), name: file.name, type: file.mimeType };
}

/** A paste as the browser makes it (Playwright and Puppeteer pages alike). */
async function paste(page, selector, file) {
  await page.evaluate(([sel, f]) => {
    const editor = document.querySelector(sel);
    editor.focus();
    // Firefox's constructor copies only the strings of `clipboardData`: add the file after.
    const event = new ClipboardEvent("paste", { clipboardData: new DataTransfer(), bubbles: true, cancelable: true });
    event.clipboardData.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    editor.dispatchEvent(event);
  }, [selector, pageFile(file)]);
}

/** The card, after checking that it names the Hôtel-Dieu as a critical finding. */
async function cardNamingHotelDieu(page) {
  const card = dialog(page);
  await card.waitFor();
  const critical = card.locator('li[data-vigie-severity="critical"]', { hasText: hotelDieu().name });
  await critical.waitFor();
  assert.equal(await critical.getAttribute("data-vigie-category"), "secret_medical");
  return card;
}

/** The clean copy: same name and type, no GPS (ExifTool), same pixels as the original. */
async function assertCleanCopy(page, got, original) {
  assert.equal(got.name, original.name);
  assert.equal(got.type, original.mimeType);
  assert.notEqual(got.sha256, original.sha256, "the site got the original");
  const bytes = await receivedBytes(page, 0);
  const tags = exiftool(bytes);
  const left = Object.keys(tags).filter((key) => /^(EXIF|XMP|IPTC|Photoshop|MakerNotes)[^:]*:|GPS/.test(key));
  assert.deepEqual(left, [], `metadata left in the clean copy: ${left.join(", ")}`);
  assert.ok("ICC_Profile:ProfileClass" in tags, "the colour profile is kept");
  assert.ok(await samePixels(page, bytes, original.buffer), "the clean copy's pixels differ from the original's");
}

describe("attaching a photo", { skip }, () => {
  test("X, file input: GPS inside the Hôtel-Dieu → critical card; the clean copy has no GPS and the same pixels", async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator('[data-testid="fileInput"]').setInputFiles(photos.gps);
    const card = await cardNamingHotelDieu(page);
    assert.equal(await page.evaluate(() => window.__files.length), 0, "the site saw the file before the user chose");
    screenshots.push(await screenshot(page, "attach-card-x"));
    await card.getByRole("button", { name: browser().messages.attachClean }).click();
    const [got] = await received(page, 1);
    assert.equal(got.via, "input");
    await assertCleanCopy(page, got, photos.gps);
    assert.equal(await dialog(page).count(), 0);
    await page.close();
  });

  test("X, file input: « Joindre l'original quand même » gives the site the exact original bytes", async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator('[data-testid="fileInput"]').setInputFiles(photos.gps);
    const card = await cardNamingHotelDieu(page);
    await card.getByRole("button", { name: browser().messages.attachOriginal }).click();
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.via, f.name, f.sha256]), [["input", photos.gps.name, photos.gps.sha256]]);
    await page.close();
  });

  test("X, file input: Escape cancels; the site receives nothing and the input is empty", async () => {
    const page = await openFixture(browser().context, "x.html");
    const input = page.locator('[data-testid="fileInput"]');
    await input.setInputFiles(photos.gps);
    await cardNamingHotelDieu(page);
    await page.keyboard.press("Escape");
    await dialog(page).waitFor({ state: "detached" });
    assert.equal(await input.evaluate((element) => element.files.length), 0);
    assert.equal(await page.evaluate(() => window.__files.length), 0);
    await page.close();
  });

  test("X, file input: a photo without metadata gets no card and reaches the site unchanged", async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator('[data-testid="fileInput"]').setInputFiles(photos.plain);
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.size, f.sha256]), [[photos.plain.name, photos.plain.buffer.length, photos.plain.sha256]]);
    assert.equal(await dialog(page).count(), 0);
    await page.close();
  });

  test("Facebook, drop: the card is keyboard usable (Tab, Enter), stray keys choose nothing, and the original passes", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await dropFile(page, "[data-fixture-dropzone]", photos.gps);
    const card = await cardNamingHotelDieu(page);
    screenshots.push(await screenshot(page, "attach-card-facebook-drop"));
    // The card may open while the user is still typing: focus starts on the card itself, so
    // a space or Enter meant for the text chooses nothing.
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    await settle(page);
    assert.equal(await card.count(), 1, "a stray key closed the card");
    assert.equal(await page.evaluate(() => window.__files.length), 0, "a stray key attached the photo");
    // Tab goes to the clean copy, then to the original.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await card.waitFor({ state: "detached" });
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.via, f.name, f.sha256]), [["drop", photos.gps.name, photos.gps.sha256]]);
    await page.close();
  });

  test("Facebook, drop: the clean copy reaches the site's drop zone", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await dropFile(page, "[data-fixture-dropzone]", photos.gps);
    const card = await cardNamingHotelDieu(page);
    await card.getByRole("button", { name: browser().messages.attachClean }).click();
    const [got] = await received(page, 1);
    assert.equal(got.via, "drop");
    await assertCleanCopy(page, got, photos.gps);
    await page.close();
  });

  test("LinkedIn, paste in the share box: the clean copy reaches the site's paste handler", async () => {
    const page = await openFixture(browser().context, "linkedin-quill.html");
    await paste(page, "#share-editor", photos.gps);
    const card = await cardNamingHotelDieu(page);
    screenshots.push(await screenshot(page, "attach-card-linkedin-paste"));
    await card.getByRole("button", { name: browser().messages.attachClean }).click();
    const [got] = await received(page, 1);
    assert.equal(got.via, "paste");
    await assertCleanCopy(page, got, photos.gps);
    await page.close();
  });

  test("LinkedIn, paste: a photo without metadata passes with no card", async () => {
    const page = await openFixture(browser().context, "linkedin-quill.html");
    await paste(page, "#share-editor", photos.plain);
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.via, f.sha256]), [["paste", photos.plain.sha256]]);
    assert.equal(await dialog(page).count(), 0);
    await page.close();
  });

  test("a truncated JPEG is not lost: the card says nothing in its picture was checked, and the original can go as it is", async () => {
    const page = await openFixture(browser().context, "linkedin-quill.html");
    const broken = photo("IMG_0046.jpg", photos.gps.buffer.subarray(0, 40));
    await page.locator("#media-editor-file-selector__file-input").setInputFiles(broken);
    const { messages } = browser();
    const card = dialog(page);
    await card.locator('li[data-vigie-rule="image-non-verifiee"]', { hasText: messages.attachPictureNotChecked }).waitFor();
    await card.getByRole("button", { name: messages.attachOriginal }).click();
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.sha256]), [[broken.name, broken.sha256]]);
    await page.close();
  });

  test("AVIF (no lossless strip): with consent, the browser re-encodes a JPEG copy without GPS", { skip: skipHeif }, async () => {
    const page = await openFixture(browser().context, "linkedin-quill.html");
    await page.locator("#media-editor-file-selector__file-input").setInputFiles(photos.avif);
    const card = await cardNamingHotelDieu(page);
    await card.getByText(browser().messages.attachReencodeNotice).waitFor();
    screenshots.push(await screenshot(page, "attach-card-avif"));
    await card.getByRole("button", { name: browser().messages.attachReencoded }).click();
    const [got] = await received(page, 1);
    assert.deepEqual([got.name, got.type], ["IMG_0044.jpg", "image/jpeg"]);
    const tags = exiftool(await receivedBytes(page, 0));
    assert.equal(tags["File:FileType"], "JPEG");
    assert.deepEqual(Object.keys(tags).filter((key) => /GPS/.test(key)), []);
    await page.close();
  });

  test("HEIC: the card says whether this browser can make a re-encoded copy; the original can still go", { skip: skipHeif }, async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await page.locator("input[type=file][data-fixture-files]").setInputFiles(photos.heic);
    const card = await cardNamingHotelDieu(page);
    const decodable = await browserDecodes(page, photos.heic);
    const { messages } = browser();
    await card.getByText(decodable ? messages.attachReencodeNotice : messages.attachReencodeUnsupported.replace("$1", photos.heic.name)).waitFor();
    assert.equal(await card.getByRole("button", { name: messages.attachReencoded }).isEnabled(), decodable);
    // Pixels the browser cannot decode are not looked at (faces, codes, text), and the card says so.
    const notChecked = card.locator('li[data-vigie-rule="image-non-verifiee"]', { hasText: messages.attachPictureNotChecked });
    if (!decodable) await notChecked.waitFor();
    else assert.equal(await notChecked.count(), 0);
    screenshots.push(await screenshot(page, "attach-card-heic"));
    await card.getByRole("button", { name: messages.attachOriginal }).click();
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.sha256]), [[photos.heic.name, photos.heic.sha256]]);
    await page.close();
  });

  test("a photo over 30 MB passes unanalysed, with a notice saying so", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    // The GPS photo padded to 31 MB: too large to analyse, so it goes through as it is.
    const expected = await page.evaluate(async (base64) => {
      const head = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bytes = new Uint8Array(31_000_000);
      bytes.set(head);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "panorama.jpg", { type: "image/jpeg" }));
      const zone = document.querySelector("[data-fixture-dropzone]");
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
    }, photos.gps.buffer.toString("base64"));
    const notice = page.locator('[data-vigie="attach-notice"] [role="status"]');
    await notice.waitFor();
    assert.match(await notice.innerText(), /panorama\.jpg/);
    assert.match(await notice.innerText(), /31,0/);
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.size, f.sha256]), [["panorama.jpg", 31_000_000, expected]]);
    assert.equal(await dialog(page).count(), 0);
    screenshots.push(await screenshot(page, "attach-too-large"));
    await page.close();
  });
});

// Faces (issue 6): the background decodes the photo and the engine's face detector finds
// the faces; the card says how many and outlines each one on the thumbnail. The photos are
// skimage's astronaut.png (Eileen Collins, NASA, public domain; her face lies within x
// 175-275, y 70-180 of the 512x512 picture, as in tests/image/faces_test.cc) and coffee.png
// (no person, public domain), made into JPEGs without metadata by ImageMagick.
const SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data";
const FACE = { left: 175, right: 275, top: 70, bottom: 180 };
/** Two faces side by side: the 240 px square around the face, and its mirror image. */
const CROP = { x: 105, y: 10, side: 240 };
const skipFaces = skip || (!fs.existsSync(`${SKIMAGE}/astronaut.png`) && "skimage's astronaut.png missing (python3-skimage)") ||
  (!hasConvert() && "ImageMagick convert missing");

function hasConvert() {
  try {
    execFileSync("convert", ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A JPEG without metadata made by ImageMagick from skimage pictures (`args` between). */
function skimageJpeg(name, args) {
  const file = path.join(dir, name);
  execFileSync("convert", [...args.map((arg) => arg.replace(/^skimage:/, `${SKIMAGE}/`)), "-strip", "-quality", "92", file]);
  return photo(name, fs.readFileSync(file));
}


/**
 * The box is on the face: its centre inside the face's known area, and it lies within that
 * area widened by 30 px (BlazeFace boxes the face from brows to chin: short range 178-272 x
 * 81-175, full range 173-280 x 68-175 on the 512 px picture). `k`: the picture's scale to the 512 px original.
 */
function assertOnTheFace(box, face, k = 1) {
  const where = `box ${JSON.stringify(Object.fromEntries(Object.entries(box).map(([key, v]) => [key, Math.round(v / k)])))} (original's px)`;
  const [cx, cy] = [(box.left + box.right) / 2 / k, (box.top + box.bottom) / 2 / k];
  assert.ok(cx > face.left && cx < face.right && cy > face.top && cy < face.bottom, `${where}: centre off the face`);
  assert.ok(box.left / k > face.left - 30 && box.right / k < face.right + 30, `${where}: wider than the face`);
  assert.ok(box.top / k > face.top - 30 && box.bottom / k < face.bottom + 30, `${where}: taller than the face`);
  assert.ok(box.right - box.left > 40 * k && box.bottom - box.top > 40 * k, `${where}: smaller than the face`);
}

describe("faces in an attached photo", { skip: skipFaces }, () => {
  before(() => {
    const crop = `${CROP.side}x${CROP.side}+${CROP.x}+${CROP.y}`;
    photos.astronaut = skimageJpeg("IMG_0050.jpg", ["skimage:astronaut.png"]);
    photos.astronautLarge = skimageJpeg("IMG_0051.jpg", ["skimage:astronaut.png", "-resize", "2048x2048"]);
    photos.twoFaces = skimageJpeg("IMG_0052.jpg", ["skimage:astronaut.png", "-crop", crop, "+repage",
      "(", "skimage:astronaut.png", "-crop", crop, "+repage", "-flop", ")", "+append"]);
    photos.coffee = skimageJpeg("IMG_0053.jpg", ["skimage:coffee.png"]);
  });

  test("X, file input: a photo with one face → « 1 visage » (droit à l'image), a box on the face, and the clean copy says faces stay", async () => {
    const page = await openFixture(browser().context, "x.html");
    await page.locator('[data-testid="fileInput"]').setInputFiles(photos.astronaut);
    const card = dialog(page);
    await card.waitFor();
    const face = card.locator('li[data-vigie-rule="image-visages"]');
    await face.waitFor();
    assert.equal(await face.getAttribute("data-vigie-category"), "droit_image");
    assert.equal(await face.getAttribute("data-vigie-severity"), "warning");
    assert.match(await face.innerText(), /1 visage : l'accord écrit de chaque personne est nécessaire/);
    const { messages } = browser();
    await card.getByText(messages.attachCleanKeepsPicture).waitFor();
    const boxes = await boxesInPicture(card, "image-visages", 512);
    assert.equal(boxes.length, 1, `one box expected, got ${boxes.length}`);
    assertOnTheFace(boxes[0], FACE);
    screenshots.push(await screenshot(page, "attach-faces"));
    assert.equal(await page.evaluate(() => window.__files.length), 0, "the site saw the file before the user chose");
    await card.getByRole("button", { name: messages.attachOriginal }).click();
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.name, f.sha256]), [[photos.astronaut.name, photos.astronaut.sha256]]);
    await page.close();
  });

  test("LinkedIn, paste: in a 2048 px photo (downscaled for the detector) the box is still on the face", async () => {
    const page = await openFixture(browser().context, "linkedin-quill.html");
    await paste(page, "#share-editor", photos.astronautLarge);
    const card = dialog(page);
    await card.locator('li[data-vigie-rule="image-visages"]', { hasText: "1 visage" }).waitFor();
    const boxes = await boxesInPicture(card, "image-visages", 2048);
    assert.equal(boxes.length, 1);
    assertOnTheFace(boxes[0], FACE, 4);
    await page.keyboard.press("Escape");
    await card.waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => window.__files.length), 0);
    await page.close();
  });

  test("Facebook, file input: two faces → « 2 visages » and one box on each face", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await page.locator("input[type=file][data-fixture-files]").setInputFiles(photos.twoFaces);
    const card = dialog(page);
    const face = card.locator('li[data-vigie-rule="image-visages"]');
    await face.waitFor();
    assert.match(await face.innerText(), /2 visages : l'accord écrit de chaque personne est nécessaire/);
    const boxes = await boxesInPicture(card, "image-visages", 2 * CROP.side);
    assert.equal(boxes.length, 2, `two boxes expected, got ${boxes.length}`);
    const left = { left: FACE.left - CROP.x, right: FACE.right - CROP.x, top: FACE.top - CROP.y, bottom: FACE.bottom - CROP.y };
    // The mirror image's face: x → 2 × side − x.
    const right = { ...left, left: 2 * CROP.side - left.right, right: 2 * CROP.side - left.left };
    assertOnTheFace(boxes[0], left);
    assertOnTheFace(boxes[1], right);
    await card.getByRole("button", { name: browser().messages.attachCancel }).click();
    await card.waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => window.__files.length), 0);
    await page.close();
  });

  test("X, file input: a 12000 × 130 strip of 60 heads (a row of people cut tight) → « 60 visages », a box on each", async () => {
    // Shrunk to 1024 px on its longest side, the strip would be 11 px high, with no face left.
    const cell = { width: 200, head: 130 };
    const strip = skimageJpeg("IMG_0054.jpg", ["skimage:astronaut.png", "-crop", `${CROP.side}x${CROP.side}+${CROP.x}+${CROP.y}`,
      "+repage", "-resize", `${cell.head}x${cell.head}`, "-bordercolor", "gray", "-border", `${(cell.width - cell.head) / 2}x0`,
      "-duplicate", "59", "+append"]);
    const page = await openFixture(browser().context, "x.html");
    await page.locator('[data-testid="fileInput"]').setInputFiles(strip);
    const card = dialog(page);
    const face = card.locator('li[data-vigie-rule="image-visages"]');
    await face.waitFor();
    assert.match(await face.innerText(), /60 visages/);
    const boxes = await boxesInPicture(card, "image-visages", 60 * cell.width);
    assert.equal(boxes.length, 60);
    // Each head's face lies within x 73-127, y 25-80 of its cell.
    boxes.forEach((box, i) => {
      assertOnTheFace(box, { left: i * cell.width + 73, right: i * cell.width + 127, top: 25, bottom: 80 });
    });
    // The thumbnail stays legible (fitted into 160 x 120 it would be 2 px high) and scrolls.
    const thumb = await card.locator(".thumb img").boundingBox();
    assert.ok(thumb.height >= 40, `thumbnail ${thumb.width} x ${thumb.height} px`);
    await card.getByRole("button", { name: browser().messages.attachCancel }).click();
    await card.waitFor({ state: "detached" });
    await page.close();
  });

  test("Facebook, drop: a photo without people or metadata gets no card and reaches the site unchanged", async () => {
    const page = await openFixture(browser().context, "facebook.html");
    await dropFile(page, "[data-fixture-dropzone]", photos.coffee);
    const files = await received(page, 1);
    assert.deepEqual(files.map((f) => [f.via, f.name, f.size, f.sha256]),
      [["drop", photos.coffee.name, photos.coffee.buffer.length, photos.coffee.sha256]]);
    assert.equal(await dialog(page).count(), 0);
    await page.close();
  });
});

// Firefox hides DataTransfer items that a content script added from the page, and its
// ClipboardEvent constructor drops files: the three paths, with the clean copy, once there;
// and faces, found in its event page.
describe("attaching a photo in Firefox", { skip: skip || (!fs.existsSync(FIREFOX) && "firefox-esr missing") }, () => {
  const firefox = sharedFirefox();

  const openX = () => openFirefoxFixture(firefox(), "x.html");

  test("firefox, X: input, drop and paste each give the site the clean copy", async () => {
    const page = await openX();
    const file = path.join(dir, photos.gps.name);
    fs.writeFileSync(file, photos.gps.buffer);
    const steps = {
      input: () => page.$('[data-testid="fileInput"]').then((input) => input.uploadFile(file)),
      drop: () => dropFile(page, "[data-fixture-dropzone]", photos.gps),
      paste: () => paste(page, '[data-testid="tweetTextarea_0"]', photos.gps),
    };
    for (const [via, attach] of Object.entries(steps)) {
      await attach();
      const clean = await page.waitForSelector('[data-vigie="attach"] >>> button[data-vigie-choice="clean"]', { timeout: 20000 });
      await clean.click();
      const got = await page.waitForFunction(
        (v) => window.__files.find((f) => f.via === v && f.sha256),
        { timeout: 20000 },
        via,
      ).then((handle) => handle.jsonValue());
      assert.equal(got.name, photos.gps.name);
      assert.notEqual(got.sha256, photos.gps.sha256, `${via}: the site got the original`);
      const bytes = await receivedBytes(page, await page.evaluate((v) => window.__files.findIndex((f) => f.via === v), via));
      assert.deepEqual(Object.keys(exiftool(bytes)).filter((key) => /GPS/.test(key)), [], `${via}: GPS left`);
    }
  });
  test("firefox, X: a photo with one face → the face finding and one box on the face", { skip: skipFaces }, async () => {
    const page = await openX();
    const face = skimageJpeg("IMG_0054.jpg", ["skimage:astronaut.png"]);
    const file = path.join(dir, face.name);
    fs.writeFileSync(file, face.buffer);
    await (await page.$('[data-testid="fileInput"]')).uploadFile(file);
    const finding = await page.waitForSelector('[data-vigie="attach"] >>> li[data-vigie-rule="image-visages"]', { timeout: 20000 });
    // Firefox's UI language picks the pack's French or English message.
    assert.match(await finding.evaluate((li) => li.textContent), /1 (visage|face)/);
    const box = await page.waitForSelector('[data-vigie="attach"] >>> .thumb .region[data-vigie-rule="image-visages"]', { timeout: 20000 });
    assert.equal((await page.$$('[data-vigie="attach"] >>> .thumb .region')).length, 1);
    const [thumb, drawn] = await Promise.all([page.$('[data-vigie="attach"] >>> .thumb img').then((img) => img.boundingBox()), box.boundingBox()]);
    const k = 512 / thumb.width;
    assertOnTheFace({ left: (drawn.x - thumb.x) * k, top: (drawn.y - thumb.y) * k,
      right: (drawn.x + drawn.width - thumb.x) * k, bottom: (drawn.y + drawn.height - thumb.y) * k }, FACE);
    await page.close();
  });
});
