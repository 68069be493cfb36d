// Shared set-up of the browser tests: one Chromium per test file with the built extension
// loaded, fixture pages served under the real sites' URLs (so the production match patterns
// and adapters are what is tested), and screenshots under test-artifacts/.

import { after, before } from "node:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import puppeteer from "puppeteer-core";
import { CHROMIUM_ID as CHROMIUM_EXTENSION_ID } from "../../extension/manifest.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "../..");
// VIGIE_DIST: where the extension was built (extension/build.mjs reads the same variable).
const DIST = path.resolve(ROOT, process.env.VIGIE_DIST ?? "dist");
export const DIST_CHROMIUM = path.join(DIST, "chromium");
export const DIST_FIREFOX = path.join(DIST, "firefox");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");
export const FIXTURES = path.join(here, "fixtures");
export const CHROMIUM = process.env.VIGIE_CHROMIUM ?? "/usr/bin/chromium";

/** The site URL each fixture is served under. */
export const FIXTURE_URLS = {
  "x.html": "https://x.com/home",
  "x-mobile.html": "https://mobile.x.com/compose/post",
  "x-reply.html": "https://x.com/chu_nantes/status/1",
  "facebook.html": "https://www.facebook.com/",
  "linkedin-quill.html": "https://www.linkedin.com/feed/",
  "linkedin-prosemirror.html": "https://www.linkedin.com/feed/?editor=prosemirror",
};

const SITES = /^https:\/\/([a-z0-9-]+\.)*(x\.com|twitter\.com|facebook\.com|linkedin\.com)\//;

export function requireDist(dir = DIST_CHROMIUM) {
  if (!fs.existsSync(path.join(dir, "manifest.json"))) {
    throw new Error(`${dir} is not built: run \`npm run build\` (or node extension/build.mjs) first`);
  }
}

/**
 * Launches Chromium with the extension. Each page URL's fixture is chosen by FIXTURE_URLS;
 * `/__fixtures/NAME` serves files from the fixtures folder. Nothing reaches the network.
 */
export async function launchChromium({ extensionDir = DIST_CHROMIUM, routes = FIXTURE_URLS } = {}) {
  requireDist(extensionDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 720 },
    locale: "fr-FR",
    // Chromium on Linux takes its UI language (chrome.i18n) from the environment.
    env: { ...process.env, LANGUAGE: "fr", LANG: "fr_FR.UTF-8" },
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--lang=fr-FR",
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  const byUrl = new Map(Object.entries(routes).map(([file, url]) => [url, file]));
  await context.route(SITES, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith("/__fixtures/")) {
      const file = path.join(FIXTURES, path.basename(url.pathname));
      if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
      return route.fulfill({ contentType: "application/javascript", body: fs.readFileSync(file, "utf8") });
    }
    const fixture = byUrl.get(url.href);
    if (!fixture) return route.fulfill({ status: 404, contentType: "text/plain", body: "" });
    return route.fulfill({ contentType: "text/html; charset=utf-8", body: fs.readFileSync(path.join(FIXTURES, fixture), "utf8") });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  const uiLanguage = await worker.evaluate(() => chrome.i18n.getUILanguage());
  return {
    context,
    worker,
    extensionId,
    uiLanguage,
    /** The extension's words in the language the browser shows them in. */
    messages: messagesFor(extensionDir, uiLanguage),
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The _locales messages Chromium picks for `language` (falling back to default_locale fr). */
export function messagesFor(extensionDir, language) {
  const candidates = [language.replace("-", "_"), language.split("-")[0], "fr"];
  for (const candidate of candidates) {
    const file = path.join(extensionDir, "_locales", candidate, "messages.json");
    if (fs.existsSync(file)) {
      const raw = JSON.parse(fs.readFileSync(file, "utf8"));
      return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value.message]));
    }
  }
  throw new Error(`no _locales for ${language}`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // caret "initial": Playwright would otherwise restyle the focused editor to hide its caret.
  await page.screenshot({ path: file, caret: "initial" });
  return path.relative(ROOT, file);
}

/**
 * One Chromium with the extension for a whole test file (a launch costs ~1.5 s): call at
 * the top level; `browser()` gives it inside tests, `screenshots` collects saved paths.
 */
export function sharedChromium() {
  let browser;
  const screenshots = [];
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (screenshots.length) console.log(`screenshots: ${screenshots.join(", ")}`);
  });
  return { browser: () => browser, screenshots };
}

export const FIREFOX = process.env.VIGIE_FIREFOX ?? "/usr/bin/firefox-esr";

/** Firefox ESR driven by puppeteer-core (WebDriver BiDi), headless; install the build with `installExtension`. */
export function launchFirefox(extraPrefsFirefox = {}) {
  requireDist(DIST_FIREFOX);
  return puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, extraPrefsFirefox });
}

/**
 * One Firefox with the extension's Firefox build installed for a describe block: call inside
 * it; `firefox()` gives the browser inside its tests.
 */
export function sharedFirefox() {
  let browser;
  before(async () => {
    browser = await launchFirefox();
    await browser.installExtension(DIST_FIREFOX);
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * A fixture page in Firefox under its site's real URL, with the content script ready. Puppeteer
 * has no request routing by URL pattern: the fixture and its scripts are served from
 * tests/browser/fixtures, and every other request is refused.
 */
export async function openFirefoxFixture(browser, fixture) {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    const file = url.pathname.startsWith("/__fixtures/") ? path.basename(url.pathname) : url.href === FIXTURE_URLS[fixture] ? fixture : null;
    if (!file) return request.abort();
    const contentType = file.endsWith(".html") ? "text/html; charset=utf-8" : "application/javascript";
    return request.respond({ status: 200, contentType, body: fs.readFileSync(path.join(FIXTURES, file), "utf8") });
  });
  await page.goto(FIXTURE_URLS[fixture]);
  await page.waitForSelector('[data-vigie="layer"]', { timeout: 15000 });
  return page;
}

// Chromium on Linux reads enterprise policy from this folder, as a deployed browser would.
const POLICY_DIR = process.env.VIGIE_POLICY_DIR ?? "/etc/chromium/policies/managed";
const POLICY_FILE = path.join(POLICY_DIR, "vigie-test.json");
const POLICY_LOCK_STALE_MS = 10 * 60 * 1000;

/**
 * Gives the extension `policy` as its managed storage, through the real policy file, for
 * the duration of `run()`. The file is created exclusively: test runs (or developers)
 * sharing the machine wait for each other instead of mixing policies. Launch the browser
 * inside `run` (Chromium reads the folder at start and watches it afterwards).
 */
export async function withManagedPolicy(policy, run) {
  fs.mkdirSync(POLICY_DIR, { recursive: true });
  const body = JSON.stringify({ "3rdparty": { extensions: { [CHROMIUM_EXTENSION_ID]: policy } } });
  for (let waited = 0; ; waited += 200) {
    try {
      fs.writeFileSync(POLICY_FILE, body, { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const age = Date.now() - fs.statSync(POLICY_FILE, { throwIfNoEntry: false })?.mtimeMs;
      if (age > POLICY_LOCK_STALE_MS) fs.rmSync(POLICY_FILE, { force: true });
      else if (waited > POLICY_LOCK_STALE_MS) throw new Error(`${POLICY_FILE} is held by another run`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const release = () => fs.rmSync(POLICY_FILE, { force: true });
  process.once("exit", release);
  try {
    return await run({
      /** Replaces the policy while the browser runs (Chromium notices the file change). */
      update(next) {
        const text = JSON.stringify({ "3rdparty": { extensions: { [CHROMIUM_EXTENSION_ID]: next } } });
        fs.writeFileSync(POLICY_FILE, text);
      },
    });
  } finally {
    release();
    process.removeListener("exit", release);
  }
}
