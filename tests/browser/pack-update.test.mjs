// Signed rule-pack updates (issue 7) in Chromium: a local server on 127.0.0.1 publishes packs
// built here from the default pack (signed with a key made by `vigie pack keygen`, trusted
// through the real managed-policy file); the popup's "Vérifier maintenant" triggers checks.
// A good pack takes effect in an open tab without reload; every bad one is refused with its
// message while the rules in force keep working; a server down or slow never blocks analysis.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { launchChromium, ROOT, screenshot, withManagedPolicy } from "./harness.mjs";
import * as s from "./scenarios.mjs";

const VIGIE = process.env.VIGIE_BIN || path.join(ROOT, "build/bin/vigie");
// The built pack, with an expiry that will not pass while the test lives (the CLI refuses to
// publish an expired pack).
const BASE = { ...JSON.parse(fs.readFileSync(path.join(ROOT, "build/pack/chu-nantes.json"), "utf8")), expires: "2099-12-31" };
/** The versions published here: the shipped pack's own (older than what is then in force), one and two above it. */
const SHIPPED = BASE.version;
const NEWER = SHIPPED + 1;
const NEWEST = SHIPPED + 2;
const versionShown = (v) => new RegExp(`version ${v}\\b`);
const NEW_WORD = "zorglubisme";
const POST = `${s.NIR_POST} Attention au ${NEW_WORD} ambiant.`;
const EDITOR = "#post-editor";

// The new rule a pack update brings: a made-up word.
const NEW_RULE = {
  id: "update-test-word",
  kind: "pattern",
  category: "verification_sources",
  severity: "warning",
  message: "Mot ajouté par une mise à jour du pack.",
  guide: "Recommandations — Vérifier les sources",
  pattern: NEW_WORD,
  tests: { match: [`Un ${NEW_WORD} ici`], no_match: ["Rien ici"] },
};

let dir;
let server;
let browser;
let tab;
let releasePolicy;
let policyHeld;
/** What the server answers at /packs/NAME: a body, or "hang" (never answers). */
let files = new Map();
const hanging = new Set();

const cli = (args) => {
  const result = spawnSync(VIGIE, args, { encoding: "utf8" });
  assert.equal(result.status, 0, `vigie ${args.join(" ")}: ${result.stdout}${result.stderr}`);
  return result;
};

function startServer() {
  server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url, "http://x").pathname.replace(/^\/packs\//, ""));
    const body = files.get(name);
    if (body === "hang") {
      hanging.add(response);
      return;
    }
    // Public signed files: any origin may read them (the extension's origin is not the server's).
    const headers = { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json" };
    if (body === undefined) {
      response.writeHead(404, headers).end();
      return;
    }
    const etag = `"${crypto.createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { ...headers, ETag: etag }).end();
      return;
    }
    response.writeHead(200, { ...headers, ETag: etag, "Content-Length": body.length }).end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

/** Publishes `pack` (object) with the CLI, as an admin would, and serves the directory. */
function publish(pack, key) {
  const site = fs.mkdtempSync(path.join(dir, "site-"));
  const file = path.join(dir, `pack-${pack.version}.json`);
  fs.writeFileSync(file, JSON.stringify(pack));
  cli(["pack", "publish", file, "--key", key, "--to", site]);
  serve(Object.fromEntries(fs.readdirSync(site).map((name) => [name, fs.readFileSync(path.join(site, name))])));
}

/** Signs arbitrary bytes as `vigie pack sign` does, for packs the CLI rightly refuses to sign. */
function signedFiles(bytes, key, { version, id = "chu-nantes", expires = "2099-12-31" }) {
  const privateKey = crypto.createPrivateKey(fs.readFileSync(key));
  const raw = Buffer.from(crypto.createPublicKey(privateKey).export({ format: "jwk" }).x, "base64url");
  const sig = {
    algorithm: "ed25519",
    key_id: crypto.createHash("sha256").update(raw).digest("hex").slice(0, 16),
    signature: crypto.sign(null, bytes, privateKey).toString("base64"),
  };
  const name = `${id}-${version}.json`;
  const manifest = {
    id, version, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), size: bytes.length,
    signature: `${name}.sig`, pack: name, issued: "2026-11-28", expires, key_id: sig.key_id,
  };
  return { "latest.json": JSON.stringify(manifest), [name]: bytes, [`${name}.sig`]: JSON.stringify(sig) };
}

function serve(entries) {
  files = new Map(Object.entries(entries).map(([name, body]) => [name, body === "hang" ? body : Buffer.from(body)]));
}

const packWith = (changes) => ({ ...BASE, rules: [...BASE.rules, NEW_RULE], ...changes });
const key = () => path.join(dir, "admin.key");

async function popup() {
  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: "https://www.facebook.com/*" }))[0]?.id);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20000);
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  return page;
}

/** Clicks "Vérifier maintenant" and waits for the check to finish; returns the popup. */
async function checkNow() {
  const page = await popup();
  const button = page.getByRole("button", { name: browser.messages.popupCheckNow });
  await button.click();
  await page.locator("#pack-check").filter({ hasNotText: browser.messages.popupChecking }).waitFor();
  await page.waitForFunction(() => !document.getElementById("pack-check-now").disabled);
  return page;
}

const newWordMark = () => tab.locator('[data-vigie="layer"] .mark[data-vigie-rule="update-test-word"]');
const nirMark = () => s.mark(tab, { severity: "critical", category: "secret_medical" });

async function assertRefused(messageKey, detail, shot = null) {
  const page = await checkNow();
  const error = page.locator("#pack-error");
  await error.filter({ hasText: browser.messages[messageKey] }).waitFor();
  assert.match(await error.getAttribute("title"), detail);
  // The pack in force stays: NEWER, stored, and its rules still underline.
  await page.locator("#pack").filter({ hasText: versionShown(NEWER) }).waitFor();
  const state = await browser.worker.evaluate(async () => (await chrome.storage.local.get("pack.update"))["pack.update"]);
  assert.equal(state.lastResult, "refused");
  assert.equal(state.lastError.message, browser.messages[messageKey]);
  if (shot) await screenshot(page, shot);
  await page.close();
  await assertRulesStillWork();
}

/** The editor, re-typed: both the old rule (NIR) and the update's rule underline. */
async function assertRulesStillWork() {
  await s.clearEditor(tab, EDITOR);
  await s.typeText(tab, EDITOR, POST);
  await s.waitAnalysed(tab, POST.length);
  await nirMark().first().waitFor();
  await newWordMark().first().waitFor();
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-pack-update-"));
  cli(["pack", "keygen", key()]);
  cli(["pack", "keygen", path.join(dir, "intruder.key")]);
  const port = await startServer();
  serve({}); // nothing published yet: the check at install fails quietly
  // Hold the policy file for the whole file: Chromium reads it at start and keeps watching it.
  const policy = {
    packUrl: `http://127.0.0.1:${port}/packs/latest.json`,
    // The admin's key, and a common paste mistake (its base64 line alone): the mistake must
    // not stop updates signed by the good key, and a refusal says it was skipped.
    trustedKeys: [fs.readFileSync(`${key()}.pub`, "utf8"), fs.readFileSync(`${key()}.pub`, "utf8").split("\n")[1]],
    updateIntervalMinutes: 1,
  };
  await new Promise((ready) => {
    policyHeld = withManagedPolicy(policy, () => {
      ready();
      return new Promise((resolve) => (releasePolicy = resolve));
    });
  });
  browser = await launchChromium();
  tab = await s.openFixture(browser.context, "facebook.html");
});

after(async () => {
  for (const response of hanging) response.destroy();
  await browser?.close();
  releasePolicy?.();
  await policyHeld;
  server?.closeAllConnections();
  server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the extension checks at install: nothing published yet is reported, not fatal", async () => {
  const page = await popup();
  const lastCheck = browser.messages.popupLastCheck.replace("$1", "");
  await page.locator("#pack-check").filter({ hasText: lastCheck }).waitFor();
  await page.locator("#pack-error").filter({ hasText: browser.messages.packRefused_unreachable }).waitFor();
  assert.match(await page.locator("#pack-error").getAttribute("title"), /HTTP 404/);
  await page.close();
});

test("a new signed pack takes effect in an open tab without reload", async () => {
  await s.typeText(tab, EDITOR, POST);
  await s.waitAnalysed(tab, POST.length);
  await nirMark().first().waitFor();
  assert.equal(await newWordMark().count(), 0, "the new word is not a finding before the update");
  await tab.evaluate(() => (window.__sameDocument = true));

  publish(packWith({ version: NEWER }), key());
  const page = await checkNow();
  await page.locator("#pack").filter({ hasText: versionShown(NEWER) }).waitFor();
  await page.locator("#pack-source").filter({ hasText: browser.messages.packSource_stored }).waitFor();
  // "Updated", or "up to date" if the minute alarm happened to check first.
  const updated = new RegExp(`${browser.messages.popupUpdated}|${browser.messages.popupUpToDate}`);
  await page.locator("#pack-check").filter({ hasText: updated }).waitFor();
  assert.equal(await page.locator("#pack-error").isHidden(), true);
  await screenshot(page, "popup-pack-updated");
  await page.close();

  // The open tab picks the new rule up and analyses its editor again: no reload, no typing.
  await newWordMark().first().waitFor();
  await nirMark().first().waitFor();
  assert.equal(await tab.evaluate(() => window.__sameDocument), true, "the tab was not reloaded");
});

test("the new pack stays in force after the worker restarts; checking again finds it up to date", async () => {
  const page = await popup();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
  const status = await page.evaluate(() => chrome.runtime.sendMessage({ kind: "get-status" }));
  assert.equal(status.value.pack.version, NEWER);
  assert.equal(status.value.packSource, "stored");
  await page.close();

  const again = await checkNow();
  await again.locator("#pack-check").filter({ hasText: browser.messages.popupUpToDate }).waitFor();
  await again.close();
  await assertRulesStillWork();
});

test("a tampered pack (manifest rewritten to match) is refused by its signature", async () => {
  const entries = signedFiles(Buffer.from(JSON.stringify(packWith({ version: NEWEST }))), key(), { version: NEWEST });
  const name = `chu-nantes-${NEWEST}.json`;
  const tampered = Buffer.from(entries[name].toString().replace("Mot ajouté", "Mot retiré"));
  const manifest = JSON.parse(entries["latest.json"]);
  manifest.sha256 = crypto.createHash("sha256").update(tampered).digest("hex");
  manifest.size = tampered.length;
  serve({ ...entries, [name]: tampered, "latest.json": JSON.stringify(manifest) });
  await assertRefused("packRefused_signature", /does not match/);
});

test("a pack altered after publication is refused by its checksum", async () => {
  const entries = signedFiles(Buffer.from(JSON.stringify(packWith({ version: NEWEST }))), key(), { version: NEWEST });
  const name = `chu-nantes-${NEWEST}.json`;
  serve({ ...entries, [name]: Buffer.from(entries[name].toString().replace("Mot ajouté", "Mot retiré")) });
  await assertRefused("packRefused_checksum", /sha256/);
});

test("a pack that grew after publication is refused by its checksum, not as too large", async () => {
  const entries = signedFiles(Buffer.from(JSON.stringify(packWith({ version: NEWEST }))), key(), { version: NEWEST });
  const name = `chu-nantes-${NEWEST}.json`;
  serve({ ...entries, [name]: Buffer.concat([entries[name], Buffer.from(" ")]) });
  await assertRefused("packRefused_checksum", /larger than the \d+ bytes latest\.json announces/);
});

test("a pack signed by an unknown key is refused; the trustedKeys entry that could not be read is named", async () => {
  publish(packWith({ version: NEWEST }), path.join(dir, "intruder.key"));
  await assertRefused("packRefused_untrusted_key",
    /signed by key [0-9a-f]{16}; trusted: .*; 1 trustedKeys entry is not an Ed25519 public key in PEM/, "popup-pack-refused");
});

test("an older version is refused", async () => {
  publish(packWith({ version: SHIPPED }), key());
  await assertRefused("packRefused_older", versionShown(SHIPPED));
});

test("an expired pack is refused", async () => {
  // Signed by hand: the CLI refuses to publish an expired pack.
  const expired = packWith({ version: NEWEST, issued: "2020-01-01", expires: "2020-12-31" });
  serve(signedFiles(Buffer.from(JSON.stringify(expired)), key(), { version: NEWEST, expires: "2020-12-31" }));
  await assertRefused("packRefused_expired", /expired on 2020-12-31/);
});

test("a pack the engine refuses is refused, with the engine's reason", async () => {
  const broken = packWith({ version: NEWEST });
  broken.rules = broken.rules.map((rule) => (rule.id === NEW_RULE.id ? { ...rule, severity: "grave" } : rule));
  serve(signedFiles(Buffer.from(JSON.stringify(broken)), key(), { version: NEWEST }));
  await assertRefused("packRefused_invalid", /severity/);
});

test("a server that is down or never answers does not block analysis", async () => {
  // Slow: the check waits for its timeout in the background while the user types.
  serve({ "latest.json": "hang" });
  const page = await popup();
  await page.getByRole("button", { name: browser.messages.popupCheckNow }).click();
  await assertRulesStillWork();
  await page.locator("#pack-error").filter({ hasText: browser.messages.packRefused_unreachable }).waitFor({ timeout: 30000 });
  assert.match(await page.locator("#pack-error").getAttribute("title"), /no answer within/);
  await page.close();

  // Down: nothing listens on the port any more.
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await assertRefused("packRefused_unreachable", /127\.0\.0\.1/);
});
