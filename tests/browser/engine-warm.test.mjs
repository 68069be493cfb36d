// The engine across service-worker stops (Chromium): the browser stops an idle worker after
// about 30 s; the text engine waits in the offscreen document, so the next keystroke is
// underlined without rebuilding it. If the document itself goes away (or at the browser's
// start), the worker analyses by itself and prepares the document again.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sharedChromium } from "./harness.mjs";
import * as s from "./scenarios.mjs";

const shared = sharedChromium();
const EDITOR = '[data-testid="tweetTextarea_0"]';

/** Stops the service worker, as the browser does after 30 s idle. */
async function stopWorker(cdp) {
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
}

async function offscreenDocuments(cdp) {
  const { targetInfos } = await cdp.send("Target.getTargets");
  return targetInfos.filter((t) => t.url.endsWith("/offscreen.html"));
}

/** Waits for the text engine's offscreen document (the worker creates it in the background). */
async function waitOffscreenDocument(cdp) {
  for (;;) {
    const documents = await offscreenDocuments(cdp);
    if (documents.length === 1) return documents[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Closes the offscreen document, as the browser may. */
async function closeOffscreenDocument(cdp) {
  const document = await waitOffscreenDocument(cdp);
  await cdp.send("Target.closeTarget", { targetId: document.targetId });
}

async function status(page) {
  return (await page.evaluate(() => chrome.runtime.sendMessage({ kind: "get-status" }))).value;
}

let posts = 0;

/** Types a new post with a NIR (never the same text: no cache answers) and waits for its critical underline. */
async function typeAndSeeUnderline(site) {
  posts += 1;
  const post = `${s.NIR_POST} (${posts})`;
  await s.clearEditor(site, EDITOR);
  await s.mark(site, { severity: "critical" }).first().waitFor({ state: "detached" });
  await s.typeText(site, EDITOR, post);
  await s.waitAnalysed(site, post.length);
  await s.mark(site, { severity: "critical" }).first().waitFor();
}

/** An X tab with an underlined post, and an extension page with a CDP session for `run`. */
async function withTabAndSession(run) {
  const browser = shared.browser();
  const site = await s.openFixture(browser.context, "x.html");
  await typeAndSeeUnderline(site);
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const cdp = await browser.context.newCDPSession(page);
  try {
    await run(site, page, cdp);
  } finally {
    await cdp.detach();
    await page.close();
    await site.close();
  }
}

describe("the engine across worker restarts", () => {
  test("after the worker stops, the next keystroke is still underlined by the engine kept warm", () =>
    withTabAndSession(async (site, page, cdp) => {
      // At the browser's start the worker analyses by itself and prepares the document; from
      // the first wake-up after that, the engine is the document's.
      await waitOffscreenDocument(cdp);
      await stopWorker(cdp);
      await typeAndSeeUnderline(site);
      await stopWorker(cdp);
      await typeAndSeeUnderline(site);
      const after = await status(page);
      assert.equal(after.engineHost, "offscreen");
      assert.equal(after.keptWarm, true, "the restarted worker reused the offscreen engine");
      assert.equal(after.packSource, "default");
    }));

  test("when the offscreen document is closed, underlines still come, and the engine is kept warm again", () =>
    withTabAndSession(async (site, page, cdp) => {
      // The worker still runs: its port to the document breaks, the next analysis recovers.
      await closeOffscreenDocument(cdp);
      await typeAndSeeUnderline(site);
      // Both gone, as after a browser restart: the worker analyses by itself at once.
      await closeOffscreenDocument(cdp);
      await stopWorker(cdp);
      await typeAndSeeUnderline(site);
      const first = await status(page);
      assert.equal(first.engineHost, "background");
      assert.equal(first.keptWarm, false);
      // Meanwhile it prepared the document: the next wake-up analyses there.
      await waitOffscreenDocument(cdp);
      await stopWorker(cdp);
      await typeAndSeeUnderline(site);
      assert.equal((await status(page)).engineHost, "offscreen");
    }));
});
