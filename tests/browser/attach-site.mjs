// What the fixture "site" received from an attach (its recorder, fixtures/site-recorder.js),
// and the photos the attach tests make: shared by the attach*.test.mjs files.

import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DIST_CHROMIUM } from "./harness.mjs";
import { dialog } from "./scenarios.mjs";

/** A photo for setInputFiles, with its bytes' SHA-256 (what the recorder reports). */
export function photoFile(name, mimeType, buffer) {
  return { name, mimeType, buffer, sha256: crypto.createHash("sha256").update(buffer).digest("hex") };
}

/** Debian python3-skimage's sample photos (NASA / public domain). */
export const SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data";

/** Why tests that make photos from skimage's samples (ImageMagick, ExifTool) skip, or false. */
export function photoToolsMissing() {
  const missing = [`${SKIMAGE}/astronaut.png`, `${SKIMAGE}/rocket.jpg`, "/usr/bin/exiftool", "/usr/bin/convert"]
    .find((file) => !fs.existsSync(file));
  return missing ? `${missing} missing (python3-skimage, libimage-exiftool-perl, imagemagick)` : false;
}

/** skimage's sample `name` as a JPEG without metadata at `target` (ImageMagick). */
export function skimageJpeg(name, target) {
  execFileSync("convert", [`${SKIMAGE}/${name}`, "-strip", "-quality", "92", target]);
}

/** `source` with a GPS position (north, east; west is negative) written by ExifTool to `target`, and `extra` tags. */
export function withGps(source, target, { latitude, longitude }, ...extra) {
  execFileSync("exiftool", ["-q", "-q", `-GPSLatitude=${latitude}`, "-GPSLatitudeRef=N", `-GPSLongitude=${Math.abs(longitude)}`,
    `-GPSLongitudeRef=${longitude < 0 ? "W" : "E"}`, ...extra, "-o", target, source]);
}

/** A point inside the Hôtel-Dieu geofence of the pack the extension ships: the mean of its vertices. */
export function hotelDieu() {
  const pack = JSON.parse(fs.readFileSync(path.join(DIST_CHROMIUM, "pack/chu-nantes.json"), "utf8"));
  const site = pack.image.geofences.find((g) => g.id === "hotel-dieu");
  const mean = (i) => site.polygon.reduce((sum, point) => sum + point[i], 0) / site.polygon.length;
  return { name: site.name, latitude: mean(0), longitude: mean(1) };
}

/** Waits until the site has received `count` files (hashed), and returns what it recorded. */
export async function received(page, count) {
  await page.waitForFunction((n) => window.__files.length >= n && window.__files.every((f) => f.sha256), count);
  return page.evaluate(() => window.__files.map((f) => ({ ...f })));
}

/** The bytes of the `index`-th file the site received. */
export async function receivedBytes(page, index) {
  const base64 = await page.evaluate(async (i) => {
    const bytes = new Uint8Array(await window.__fileObjects[i].arrayBuffer());
    let binary = "";
    for (let j = 0; j < bytes.length; j += 0x8000) binary += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
    return btoa(binary);
  }, index);
  return Buffer.from(base64, "base64");
}

/** Whether the page's browser decodes `file` (Chromium does not decode HEIC). */
export async function browserDecodes(page, file) {
  return page.evaluate(async ([base64, type]) => {
    try {
      (await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type }))).close();
      return true;
    } catch {
      return false;
    }
  }, [file.buffer.toString("base64"), file.mimeType]);
}

/** Drops `file` (photoFile) on `selector` as a file dragged from the desktop. */
export async function dropFile(page, selector, file) {
  await page.evaluate(([sel, f]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    const target = document.querySelector(sel);
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, [selector, { base64: file.buffer.toString("base64"), name: file.name, type: file.mimeType }]);
}

/** Attaches `file` (a photo with a face) through X's file input and keeps the original from its card. */
export async function attachFaceOriginal(page, file, messages) {
  await page.locator('[data-testid="fileInput"]').setInputFiles(file);
  const card = dialog(page);
  await card.locator('li[data-vigie-rule="image-visages"]').waitFor();
  await card.getByRole("button", { name: messages.attachOriginal }).click();
  await card.waitFor({ state: "detached" });
}
