// The policy's user-facing settings (issue 7), through the real Chromium policy file:
// `allowPause: false` removes the pause and ends one in progress; `affiliationDefault` is the
// affiliation wherever the user has not chosen, and the user's choice wins.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchChromium, withManagedPolicy } from "./harness.mjs";
import * as s from "./scenarios.mjs";

// Fires (opinion-politique) only when the author's profile shows the CHU affiliation.
const POLITICAL = "Votez pour notre liste aux municipales dimanche !";

let browser;
let tab;
let releasePolicy;
let policyHeld;

before(async () => {
  await new Promise((ready) => {
    policyHeld = withManagedPolicy({ allowPause: false, affiliationDefault: { facebook: true, linkedin: false } }, () => {
      ready();
      return new Promise((resolve) => (releasePolicy = resolve));
    });
  });
  browser = await launchChromium();
  tab = await s.openFixture(browser.context, "facebook.html");
});

after(async () => {
  await browser?.close();
  releasePolicy?.();
  await policyHeld;
});

async function extensionPage(name) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(10000);
  await page.goto(`chrome-extension://${browser.extensionId}/${name}`);
  return page;
}

const rulesFor = async (page, text) => {
  const reply = await page.evaluate((t) => chrome.runtime.sendMessage({ kind: "analyze", text: t, platform: "facebook" }), text);
  assert.equal(reply.ok, true, reply.error);
  return reply.value.findings.map((f) => f.rule);
};

test("allowPause false: the popup offers no pause and says why; a pause in progress ends", async () => {
  const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ url: "https://www.facebook.com/*" }))[0]?.id);
  const popup = await extensionPage(`popup.html?tab=${tabId}`);
  await popup.locator("#pause-off").filter({ hasText: browser.messages.popupPauseNotAllowed }).waitFor();
  await popup.locator("#site").filter({ hasText: "Facebook" }).waitFor();
  assert.equal(await popup.getByRole("button", { name: browser.messages.popupPause }).count(), 0);

  // A pause written anyway (an older popup, another profile tool) is ended by the background.
  await popup.evaluate(() => chrome.storage.local.set({ settings: { pausedUntil: { facebook: Date.now() + 3600000 } } }));
  await popup.waitForFunction(async () => (await chrome.storage.local.get("settings")).settings.pausedUntil.facebook === 0);
  await s.typeText(tab, "#post-editor", s.NIR_POST);
  await s.mark(tab, { severity: "critical", category: "secret_medical" }).first().waitFor();
  await popup.close();
});

test("affiliationDefault applies until the user chooses; the user's choice wins", async () => {
  const options = await extensionPage("options.html");
  const facebook = options.locator("#affiliation-facebook");
  const linkedin = options.locator("#affiliation-linkedin");
  await options.waitForFunction(() => document.getElementById("affiliation-facebook").checked);
  assert.equal(await linkedin.isChecked(), false, "policy default, not the built-in one (on)");
  assert.ok((await rulesFor(options, POLITICAL)).includes("opinion-politique"));

  await facebook.uncheck();
  await options.locator("#saved").filter({ hasText: browser.messages.optionsSaved }).waitFor();
  await options.reload();
  await options.locator("#affiliation-linkedin").waitFor();
  assert.equal(await options.locator("#affiliation-facebook").isChecked(), false);
  assert.equal(await options.locator("#affiliation-linkedin").isChecked(), false);
  assert.ok(!(await rulesFor(options, POLITICAL)).includes("opinion-politique"));
  await options.close();
});
