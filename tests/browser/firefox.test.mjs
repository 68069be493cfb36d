// Smoke test of the Firefox build in Firefox ESR (puppeteer-core, WebDriver BiDi): the
// event-page background loads the wasm engine, the content script runs on the X fixture
// served under https://x.com/, and a NIR gets its critical underline.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { ARTIFACTS, DIST_FIREFOX, launchFirefox, openFirefoxFixture, ROOT } from "./harness.mjs";
import { NIR, NIR_POST } from "./scenarios.mjs";

let browser;

before(async () => {
  browser = await launchFirefox({ "intl.locale.requested": "fr", "intl.accept_languages": "fr-FR, fr" });
});
after(async () => {
  await browser?.close();
});

test("firefox: the extension loads and underlines a NIR on X", async () => {
  const id = await browser.installExtension(DIST_FIREFOX);
  assert.equal(id, "vigie@chu-nantes.fr");
  const page = await openFirefoxFixture(browser, "x.html");
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.type(NIR_POST);
  const mark = await page.waitForSelector('[data-vigie="layer"] >>> .mark[data-vigie-severity="critical"][data-vigie-category="secret_medical"]', { timeout: 15000 });
  assert.equal(await mark.evaluate((m) => m.getAttribute("data-vigie-start")), String(NIR_POST.indexOf(NIR)));
  const highlights = await page.evaluate(() => [...CSS.highlights.keys()]);
  assert.ok(highlights.some((name) => name.includes("critical")), `highlights: ${highlights}`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, "firefox-x-draftjs.png");
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(ROOT, file)}`);
});
