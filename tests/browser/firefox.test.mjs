// Smoke test of the Firefox build in Firefox ESR (puppeteer-core, WebDriver BiDi): the
// event-page background loads the wasm engine, the content script runs on the X fixture
// served under https://x.com/, and a NIR gets its critical underline.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import puppeteer from "puppeteer-core";
import { ARTIFACTS, DIST_FIREFOX, FIXTURES, FIXTURE_URLS, ROOT, requireDist } from "./harness.mjs";
import { NIR, NIR_POST } from "./scenarios.mjs";

const FIREFOX = process.env.VIGIE_FIREFOX ?? "/usr/bin/firefox-esr";
let browser;

before(async () => {
  requireDist(DIST_FIREFOX);
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { "intl.locale.requested": "fr", "intl.accept_languages": "fr-FR, fr" },
  });
});
after(async () => {
  await browser?.close();
});

test("firefox: the extension loads and underlines a NIR on X", async () => {
  const id = await browser.installExtension(DIST_FIREFOX);
  assert.equal(id, "vigie@chu-nantes.fr");
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/__fixtures/")) {
      const file = path.join(FIXTURES, path.basename(url.pathname));
      return request.respond({ status: 200, contentType: "application/javascript", body: fs.readFileSync(file, "utf8") });
    }
    if (url.href === FIXTURE_URLS["x.html"]) {
      return request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: fs.readFileSync(path.join(FIXTURES, "x.html"), "utf8") });
    }
    return request.abort();
  });
  await page.goto(FIXTURE_URLS["x.html"]);
  await page.waitForSelector('[data-vigie="layer"]', { timeout: 15000 });
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
