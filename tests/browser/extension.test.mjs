// The extension as a whole in Chromium: manifest promises, the engine host (status, cold
// start, pack loading), the popup (state, one-hour pause) and the options (affiliation).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST_CHROMIUM, FIXTURES, launchChromium, screenshot } from "./harness.mjs";
import * as s from "./scenarios.mjs";

const manifest = JSON.parse(fs.readFileSync(path.join(DIST_CHROMIUM, "manifest.json"), "utf8"));
const shippedPack = JSON.parse(fs.readFileSync(path.join(DIST_CHROMIUM, "pack/chu-nantes.json"), "utf8"));

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Sends a message to the background from an extension page, as the popup does. */
async function ask(page, message) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

async function extensionPage(name) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(10000);
  await page.goto(`chrome-extension://${browser.extensionId}/${name}`);
  return page;
}

/** Stops the service worker, as the browser does after 30 s idle. */
async function stopWorker(page) {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
}

describe("manifest", () => {
  test("stable id, the three sites only, wasm CSP, no web-accessible resources", () => {
    assert.equal(browser.extensionId, "hblomnafgmihafbnembipjpfelnjflpf");
    // alarms and contextMenus: flagging comments (retries, "Signaler" on selected text);
    // offscreen: the page hosting tesseract.js's Worker (text in attached photos).
    assert.deepEqual(manifest.permissions, ["storage", "alarms", "contextMenus", "offscreen"]);
    for (const pattern of manifest.host_permissions) {
      assert.match(pattern, /^https:\/\/\*\.(facebook\.com|x\.com|twitter\.com|linkedin\.com)\/\*$/);
    }
    assert.equal(manifest.default_locale, "fr");
    assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.equal(manifest.web_accessible_resources, undefined);
    assert.equal(manifest.background.type, "module");
  });

  test("the toolbar and the extensions page show Vigie's icon at each declared size", async () => {
    assert.deepEqual(manifest.action.default_icon, manifest.icons);
    const page = await browser.context.newPage();
    try {
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      for (const [size, file] of Object.entries(manifest.icons)) {
        // Decoded by the browser itself: a missing or broken PNG fails here.
        const decoded = await page.evaluate(async (url) => {
          const bitmap = await createImageBitmap(await (await fetch(url)).blob());
          return [bitmap.width, bitmap.height];
        }, file);
        assert.deepEqual(decoded, [Number(size), Number(size)], file);
      }
    } finally {
      await page.close();
    }
  });

  test("the UI speaks French when the browser does", { skip: !fs.existsSync("/usr/lib/chromium/locales/fr.pak") && "chromium-l10n not installed" }, () => {
    assert.match(browser.uiLanguage, /^fr/);
    assert.equal(browser.messages.dialogPublish, "Publier quand même");
  });
});

describe("engine host", () => {
  test("loads the default pack and reports its cold start", async () => {
    const page = await extensionPage("options.html");
    const status = await ask(page, { kind: "get-status" });
    assert.equal(status.ok, true, status.error);
    assert.equal(status.value.ready, true);
    assert.equal(status.value.pack.id, shippedPack.id);
    assert.equal(status.value.pack.version, shippedPack.version);
    assert.equal(status.value.packSource, "default");
    assert.ok(status.value.coldStartMs > 0);
    await page.close();
  });

  test("analyses a NIR as critical secret_medical and a clean text as nothing", async () => {
    const page = await extensionPage("options.html");
    const nir = await ask(page, { kind: "analyze", text: s.NIR_POST, platform: "facebook" });
    assert.equal(nir.ok, true, nir.error);
    const critical = nir.value.findings.filter((f) => f.severity === "critical" && f.category === "secret_medical");
    assert.ok(critical.length >= 1, JSON.stringify(nir.value.findings));
    assert.equal(s.NIR_POST.slice(critical[0].start, critical[0].end).replace(/\D/g, ""), s.NIR.replace(/\D/g, ""));
    const clean = await ask(page, { kind: "analyze", text: s.CLEAN_POST, platform: "facebook" });
    assert.deepEqual(clean.value.findings.filter((f) => f.severity !== "info"), []);
    await page.close();
  });

  test("an over-long text is analysed up to the cap, with the engine's notice", async () => {
    const page = await extensionPage("options.html");
    const long = "Belle journée de formation. ".repeat(5000);
    const reply = await ask(page, { kind: "analyze", text: long, platform: "linkedin" });
    assert.equal(reply.ok, true, reply.error);
    const notice = reply.value.findings.find((f) => f.rule.includes("truncat"));
    assert.ok(notice, JSON.stringify(reply.value.findings.slice(0, 3)));
    assert.equal(notice.end, long.length);
    await page.close();
  });

  test("after the worker stops, the engine comes back on the next request", async () => {
    const page = await extensionPage("options.html");
    const first = (await ask(page, { kind: "get-status" })).value;
    await stopWorker(page);
    const again = (await ask(page, { kind: "get-status" })).value;
    assert.equal(again.ready, true);
    assert.ok(again.loadedAt >= first.loadedAt);
    await page.close();
  });

  test("a stored pack is used through the real loading path; a malformed one is refused", async () => {
    const page = await extensionPage("options.html");
    try {
      await storedPackScenario(page);
    } finally {
      await page.evaluate(() => chrome.storage.local.remove("pack.current"));
      await stopWorker(page);
      await page.close();
    }
  });
});

async function storedPackScenario(page) {
  const testPack = JSON.parse(fs.readFileSync(path.join(FIXTURES, "test-pack.json"), "utf8"));
  testPack.adapters = shippedPack.adapters;
  // Newer than the shipped pack, the floor: an older stored pack is ignored.
  testPack.version = shippedPack.version + 1;
  await page.evaluate((text) => chrome.storage.local.set({ "pack.current": text }), JSON.stringify(testPack));
  await stopWorker(page);
  let status = (await ask(page, { kind: "get-status" })).value;
  assert.equal(status.packSource, "stored");
  assert.equal(status.pack.id, "browser-test");
  const found = await ask(page, { kind: "analyze", text: "Encore un canulardetest ce matin", platform: "x" });
  assert.deepEqual(found.value.findings.map((f) => f.rule), ["test-word"]);

  // Malformed: the engine refuses it with a JSON pointer, the default pack stays in force.
  testPack.rules[0].severity = "grave";
  await page.evaluate((text) => chrome.storage.local.set({ "pack.current": text }), JSON.stringify(testPack));
  await stopWorker(page);
  status = (await ask(page, { kind: "get-status" })).value;
  assert.equal(status.packSource, "default");
  assert.match(status.storedPackRefused, /\/rules\/0\/severity/);

  // Malformed adapters are refused the same way.
  testPack.rules[0].severity = "warning";
  testPack.adapters = { ...shippedPack.adapters, sites: [{ platform: "myspace" }] };
  await page.evaluate((text) => chrome.storage.local.set({ "pack.current": text }), JSON.stringify(testPack));
  await stopWorker(page);
  status = (await ask(page, { kind: "get-status" })).value;
  assert.equal(status.packSource, "default");
  assert.match(status.storedPackRefused, /\/adapters\/sites\/0\/platform/);
}

describe("popup and options", () => {
  test("the popup shows the tab's state and pauses Vigie on this site for an hour", async () => {
    const site = await s.openFixture(browser.context, "x.html");
    await s.typeText(site, '[data-testid="tweetTextarea_0"]', s.NIR_POST);
    await s.mark(site, { severity: "critical" }).first().waitFor();
    const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: "https://x.com/*" }))[0].id);
    const popup = await extensionPage(`popup.html?tab=${tabId}`);
    const m = browser.messages;
    // The rules in plain words (the pack's id only in the tooltip), counts in real plurals.
    await popup.locator("#pack").filter({ hasText: `Règles du CHU de Nantes, version ${shippedPack.version} du ` }).waitFor();
    assert.equal(await popup.locator("#pack").getAttribute("title"), shippedPack.id);
    await popup.locator("#findings").filter({ hasText: "Dans les textes visibles : 1 point critique, 0 avertissement, 0 information." }).waitFor();
    assert.match(await popup.locator("#site").innerText(), /\(1 zone de saisie\)/);
    const pause = popup.getByRole("button", { name: m.popupPause });
    await screenshot(popup, "popup");
    await pause.click();
    await popup.getByRole("button", { name: m.popupResume }).waitFor();

    // Paused: no layer, no underline, Post not held.
    await site.locator('[data-vigie="layer"]').waitFor({ state: "detached" });
    await site.locator('[data-testid="tweetButtonInline"]').click();
    await site.waitForFunction(() => window.__posts.length === 1);
    assert.equal(await s.dialog(site).count(), 0);

    await popup.getByRole("button", { name: m.popupResume }).click();
    await s.mark(site, { severity: "critical" }).first().waitFor();
    await popup.close();
    await site.close();
  });

  test("affiliation reaches the engine: a political call is flagged only where the profile shows the CHU", async () => {
    const opinion = "Votez pour notre liste aux municipales dimanche !";
    const linkedin = await s.openFixture(browser.context, "linkedin-quill.html");
    await s.typeText(linkedin, "#share-editor", opinion);
    await s.mark(linkedin, { severity: "warning", category: "devoir_reserve" }).first().waitFor();
    await linkedin.close();

    const x = await s.openFixture(browser.context, "x.html");
    await s.typeText(x, '[data-testid="tweetTextarea_0"]', opinion);
    await s.waitAnalysed(x, opinion.length);
    assert.equal(await s.mark(x, { category: "devoir_reserve" }).count(), 0);
    const options = await extensionPage("options.html");
    await options.locator("#affiliation-x").check();
    // The page re-analyses with the new context, without a reload.
    await s.mark(x, { severity: "warning", category: "devoir_reserve" }).first().waitFor();
    await options.locator("#affiliation-x").uncheck();
    await s.waitAnalysed(x, opinion.length);
    await options.close();
    await x.close();
  });

  test("options: affiliation per platform, LinkedIn on by default, and the guide in short", async () => {
    const page = await extensionPage("options.html");
    const m = browser.messages;
    await page.locator("#pack").filter({ hasText: `version ${shippedPack.version}` }).waitFor();
    assert.equal(await page.locator("#affiliation-linkedin").isChecked(), true);
    assert.equal(await page.locator("#affiliation-facebook").isChecked(), false);
    assert.equal(await page.locator("#affiliation-x").isChecked(), false);
    await page.locator("#affiliation-x").check();
    await page.locator("#saved").filter({ hasText: m.optionsSaved }).waitFor();
    const stored = await page.evaluate(() => chrome.storage.local.get("settings"));
    assert.equal(stored.settings.affiliation.x, true);
    assert.ok((await page.locator("dl").innerText()).includes(m.aboutSecretMedical));
    await screenshot(page, "options");
    await page.locator("#affiliation-x").uncheck();
    await page.close();
  });
});
