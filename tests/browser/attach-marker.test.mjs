// The « Vigie vérifie la photo… » marker (the s7 photo re-check, N2 and N3), real built
// extension in Chromium, X fixture page:
// - a photo picked while another photo's card is open: the marker waits hidden behind the card,
//   and shows again when that card closes, announcing the next card;
// - a photo dropped on X's composer, which starts at the top of the page: the marker sits on
//   the composer's top right corner, not below it over the timeline.
// The photos: skimage's rocket with a phone's GPS (a warning: its card stays) and astronaut (a
// face), NASA / public domain, Debian python3-skimage, made into JPEGs by ImageMagick/ExifTool.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { photoFile, photoToolsMissing, received, skimageJpeg, withGps } from "./attach-site.mjs";
import { sharedChromium } from "./harness.mjs";
import { dialog, openFixture } from "./scenarios.mjs";

const skip = photoToolsMissing();
const INPUT = '[data-testid="fileInput"]';

const { browser } = sharedChromium();
let dir;
const photos = {};

before(() => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-attach-marker-"));
  const file = (name) => path.join(dir, name);
  skimageJpeg("astronaut.png", file("face.jpg"));
  skimageJpeg("rocket.jpg", file("rocket.jpg"));
  withGps(file("rocket.jpg"), file("gps.jpg"), { latitude: 47.2, longitude: -1.5 });
  photos.gps = photoFile("premiere.jpg", "image/jpeg", fs.readFileSync(file("gps.jpg")));
  photos.face = photoFile("seconde.jpg", "image/jpeg", fs.readFileSync(file("face.jpg")));
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

/** Records in the page, from now on, each change of "is a card open / is the marker shown". */
async function recordMarkerAndCard(page) {
  await page.evaluate(() => {
    window.__states = [];
    const note = () => {
      const card = document.querySelector('[data-vigie="attach"]') ? "card" : "no card";
      const host = document.querySelector('[data-vigie="attach-checking"]');
      const marker = !host ? "no marker" : getComputedStyle(host).display === "none" ? "marker hidden" : "marker shown";
      const state = `${card}, ${marker}`;
      if (window.__states.at(-1) !== state) window.__states.push(state);
    };
    note();
    new MutationObserver(note).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["style"] });
  });
}

describe("the checking marker", { skip }, () => {
  test("a photo picked while a card is open: the marker waits behind the card, then announces the next card", async () => {
    const page = await openFixture(browser().context, "x.html");
    const input = page.locator(INPUT);
    await input.setInputFiles(photos.gps);
    const card = dialog(page);
    await card.locator('section[data-vigie-file="premiere.jpg"]').waitFor();
    await recordMarkerAndCard(page);
    await input.setInputFiles(photos.face);
    await page.waitForFunction(() => window.__states.includes("card, marker hidden"));
    await card.getByRole("button", { name: browser().messages.attachOriginal }).click();
    await card.locator('section[data-vigie-file="seconde.jpg"] li[data-vigie-rule="image-visages"]').waitFor();
    const states = await page.evaluate(() => window.__states);
    assert.ok(!states.includes("card, marker shown"), `the marker showed over the card: ${states.join(" → ")}`);
    // Between the two cards, the marker says that Vigie checks the next photo.
    assert.ok(states.indexOf("no card, marker shown") > states.indexOf("card, marker hidden"), states.join(" → "));
    await card.getByRole("button", { name: browser().messages.attachOriginal }).click();
    assert.deepEqual((await received(page, 2)).map((file) => file.name), ["premiere.jpg", "seconde.jpg"]);
    await page.close();
  });

  test("a photo dropped on X's composer: the marker sits on the composer, not below it", async () => {
    const page = await openFixture(browser().context, "x.html");
    const { zone, marker } = await page.evaluate((base64) => {
      const file = new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], "IMG_2002.jpg", { type: "image/jpeg" });
      const transfer = new DataTransfer();
      transfer.items.add(file);
      const dropzone = document.querySelector("[data-fixture-dropzone]");
      for (const type of ["dragenter", "dragover", "drop"]) {
        dropzone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
      // The marker shows as soon as Vigie holds the photo, in the drop's own task.
      const host = document.querySelector('[data-vigie="attach-checking"]');
      return { zone: dropzone.getBoundingClientRect().toJSON(), marker: host.shadowRoot.querySelector(".marker").getBoundingClientRect().toJSON() };
    }, photos.face.buffer.toString("base64"));
    assert.ok(zone.top < 30, `the fixture's composer should start near the top (${zone.top})`);
    assert.ok(marker.top >= zone.top && marker.bottom <= zone.bottom, `marker ${marker.top}–${marker.bottom}, composer ${zone.top}–${zone.bottom}`);
    assert.ok(marker.left >= zone.left && marker.right <= zone.right, `marker ${marker.left}–${marker.right}, composer ${zone.left}–${zone.right}`);
    await dialog(page).locator('li[data-vigie-rule="image-visages"]').waitFor();
    await page.close();
  });
});
