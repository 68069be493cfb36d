// Codes in an attached photo (issue 6), with the real built extension in Chromium: the
// background reads the barcodes and 2D codes with zxing-wasm (shipped in the extension, never
// fetched) and the engine turns them into findings; the card outlines each code on the
// thumbnail and says why. The photos are tests/fixtures/codes (make-fixtures.sh): a patient
// wristband with a DataMatrix holding an IPP-like number, a poster with a QR code, and a tube
// label whose small Code 128 only the high-resolution pass reads (code-settings.mjs).
//
// Tolerance: a box drawn on the thumbnail must lie within 16 pixels of the photo (about two
// CSS pixels of the thumbnail) of where make-fixtures.sh drew the symbol.

import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { FIREFOX, openFirefoxFixture, ROOT, screenshot, sharedChromium, sharedFirefox } from "./harness.mjs";
import { boxesInPicture, dialog, openFixture } from "./scenarios.mjs";

const CODES = path.join(ROOT, "tests/fixtures/codes");
const TOLERANCE = 16;

const { browser, screenshots } = sharedChromium();

function photo(name, mimeType) {
  const buffer = fs.readFileSync(path.join(CODES, name));
  return { name, mimeType, buffer, sha256: crypto.createHash("sha256").update(buffer).digest("hex") };
}


function assertBox({ left, top, right, bottom }, expected, tolerance = TOLERANCE) {
  const box = { x: left, y: top, w: right - left, h: bottom - top };
  for (const key of ["x", "y", "w", "h"]) {
    assert.ok(Math.abs(box[key] - expected[key]) <= tolerance,
      `${key}: ${Math.round(box[key])}, expected ${expected[key]} ± ${tolerance} (${JSON.stringify(box)})`);
  }
}

/**
 * Every http(s) URL asked for while `run` ran, by the pages or by the extension's worker: a
 * route predicate sees both (Playwright's request events miss the worker's once routes are
 * set), and declines each one so that the harness's fixtures still answer.
 */
async function requestsDuring(context, run) {
  const urls = [];
  const record = (url) => {
    urls.push(url.href);
    return false;
  };
  await context.route(record, (route) => route.fallback());
  try {
    await run();
  } finally {
    await context.unroute(record);
  }
  return urls;
}

describe("codes in an attached photo", () => {
  test("X, file input: a wristband's DataMatrix → a critical finding with its box, and nothing fetched", async () => {
    const { context, messages } = browser();
    const wristband = photo("wristband.jpg", "image/jpeg");
    let page;
    let card;
    const urls = await requestsDuring(context, async () => {
      page = await openFixture(context, "x.html");
      await page.locator('[data-testid="fileInput"]').setInputFiles(wristband);
      card = dialog(page);
      await card.waitFor();
      const code = card.locator('li[data-vigie-rule="image-code"]');
      await code.waitFor();
      assert.equal(await code.getAttribute("data-vigie-severity"), "critical");
      assert.equal(await code.getAttribute("data-vigie-category"), "secret_medical");
      assert.match(await code.innerText(), /Un code \(Data Matrix\) lisible dans la photo contient ce qui ressemble à un identifiant de patient \(« 804512376 »\)/);
    });
    // The card speaks of a code, not of people.
    await card.getByText(messages.attachTitleCode).waitFor();
    await card.getByText(messages.attachCleanKeepsCode).waitFor();
    assert.equal(await card.getByText(messages.attachTitlePicture).count(), 0);
    // make-fixtures.sh: 10 px modules, 12x12 symbol at (1170, 530) in the 2000x1300 photo.
    const boxes = await boxesInPicture(card, "image-code", 2000);
    assert.equal(boxes.length, 1, `one box expected, got ${boxes.length}`);
    assertBox(boxes[0], { x: 1170, y: 530, w: 120, h: 120 });
    screenshots.push(await screenshot(page, "attach-codes-wristband"));
    // zxing-wasm's wasm came from the extension: nothing went to a CDN or anywhere but the site.
    assert.ok(urls.includes("https://x.com/home"), "the recorder saw the page load");
    assert.deepEqual(urls.filter((url) => !url.startsWith("https://x.com/")), []);
    assert.equal(await page.evaluate(() => window.__files.length), 0, "the site saw the file before the user chose");
    await card.getByRole("button", { name: messages.attachCancel }).click();
    await card.waitFor({ state: "detached" });
    await page.close();
  });

  test("LinkedIn, file input: a QR code's URL → a warning quoting it, boxed on the poster", async () => {
    const { context, messages } = browser();
    const poster = photo("qr-poster.png", "image/png");
    const page = await openFixture(context, "linkedin-quill.html");
    await page.locator("#media-editor-file-selector__file-input").setInputFiles(poster);
    const card = dialog(page);
    const code = card.locator('li[data-vigie-rule="image-code"]');
    await code.waitFor();
    assert.equal(await code.getAttribute("data-vigie-severity"), "warning");
    assert.match(await code.innerText(), /Un code-barres ou code 2D \(QR Code\) est lisible.*« https:\/\/www\.chu-nantes\.fr\/don-du-sang »/);
    // 6 px modules, 29x29 symbol at (524, 184) in the 800x600 poster.
    const boxes = await boxesInPicture(card, "image-code", 800);
    assert.equal(boxes.length, 1);
    assertBox(boxes[0], { x: 524, y: 184, w: 174, h: 174 });
    await card.getByRole("button", { name: messages.attachOriginal }).click();
    await page.waitForFunction(() => window.__files.length === 1);
    assert.equal(await page.evaluate(() => window.__files[0].name), poster.name);
    await page.close();
  });

  test("X, file input: a tube label's small Code 128, only readable at 2048 px → a critical finding with its box", async () => {
    const { context } = browser();
    const page = await openFixture(context, "x.html");
    await page.locator('[data-testid="fileInput"]').setInputFiles(photo("tube-label.jpg", "image/jpeg"));
    const card = dialog(page);
    const code = card.locator('li[data-vigie-rule="image-code"]');
    await code.waitFor();
    assert.equal(await code.getAttribute("data-vigie-severity"), "critical");
    assert.match(await code.innerText(), /« 805123764 »/);
    // make-fixtures.sh: 3 px modules, 303x60 bars at (760, 790) in the 3200x2000 photo; the same
    // two CSS pixels of the thumbnail are 1.6 times as many photo pixels as for the wristband.
    const boxes = await boxesInPicture(card, "image-code", 3200);
    assert.equal(boxes.length, 1);
    assertBox(boxes[0], { x: 760, y: 790, w: 303, h: 60 }, TOLERANCE * 1.6);
    await page.close();
  });
});

// Firefox runs the background as an event page: zxing-wasm decodes there too.
describe("codes in an attached photo, Firefox", { skip: !fs.existsSync(FIREFOX) && "firefox-esr missing" }, () => {
  const firefox = sharedFirefox();

  test("firefox, X: the wristband's DataMatrix → the critical finding and one box", async () => {
    const page = await openFirefoxFixture(firefox(), "x.html");
    await (await page.$('[data-testid="fileInput"]')).uploadFile(path.join(CODES, "wristband.jpg"));
    const finding = await page.waitForSelector('[data-vigie="attach"] >>> li[data-vigie-rule="image-code"]', { timeout: 30000 });
    assert.equal(await finding.evaluate((li) => li.dataset.vigieSeverity), "critical");
    // Firefox's UI language picks the pack's French or English message.
    assert.match(await finding.evaluate((li) => li.textContent), /804512376/);
    const box = await page.waitForSelector('[data-vigie="attach"] >>> .thumb .region[data-vigie-rule="image-code"]');
    const thumb = await page.$('[data-vigie="attach"] >>> .thumb img').then((img) => img.boundingBox());
    const drawn = await box.boundingBox();
    const k = 2000 / thumb.width;
    const [left, top] = [(drawn.x - thumb.x) * k, (drawn.y - thumb.y) * k];
    assertBox({ left, top, right: left + drawn.width * k, bottom: top + drawn.height * k }, { x: 1170, y: 530, w: 120, h: 120 });
    await page.close();
  });
});
