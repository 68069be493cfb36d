// Flagging a comment to the communication service, end to end: the extension (managed
// policy naming a real inbox) on the fixture pages, the real inbox server (`vigie inbox
// serve`, SQLite in a temporary folder) receiving the reports.
//
//   VIGIE_DIST=dist-x VIGIE_BIN=build-x/bin/vigie node --test tests/browser/flag.test.mjs
//
// VIGIE_BIN defaults to build/bin/vigie. Screenshots: test-artifacts/flag-*.png.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { launchChromium, ROOT, screenshot, withManagedPolicy } from "./harness.mjs";

const BIN = process.env.VIGIE_BIN ?? path.join(ROOT, "build/bin/vigie");
const PASSWORD = "correct horse battery staple";
const INSULT = "Ce médecin est un incompétent et un escroc, honte au CHU";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The real inbox on 127.0.0.1, stopped and restarted on the same port and database. */
class Inbox {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigie-flag-inbox-"));
    this.db = `sqlite:${path.join(this.dir, "inbox.db")}`;
    this.token = this.command(["token", "add", "chu-nantes"]).trim();
    this.command(["user", "add", "alice", "--password-stdin"], `${PASSWORD}\n`);
    this.process = null;
  }

  command(args, input) {
    const result = spawnSync(BIN, ["inbox", ...args, "--db", this.db], { input, encoding: "utf8" });
    assert.equal(result.status, 0, `vigie inbox ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  }

  async start() {
    this.port ??= await freePort();
    this.url = `http://127.0.0.1:${this.port}/`;
    const child = spawn(BIN, ["inbox", "serve", "--db", this.db, "--listen", `127.0.0.1:${this.port}`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process = child;
    let output = "";
    await new Promise((resolve, reject) => {
      const seen = (chunk) => {
        output += chunk;
        if (output.includes(this.url)) resolve();
      };
      child.stdout.on("data", seen);
      child.stderr.on("data", seen);
      child.once("exit", (code) => reject(new Error(`vigie inbox serve exited ${code}: ${output}`)));
    });
  }

  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    this.process = null;
  }

  async api(pathname, init = {}) {
    const response = await fetch(new URL(pathname, this.url), init);
    assert.equal(response.status, 200, `${pathname}: ${await response.clone().text()}`);
    return { response, body: await response.json() };
  }

  /** The case list and each case's reports, as a signed-in member of the service sees them. */
  async cases() {
    const { response } = await this.api("api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "alice", password: PASSWORD }),
    });
    const cookie = response.headers.get("set-cookie").split(";")[0];
    const { body } = await this.api("api/v1/cases", { headers: { Cookie: cookie } });
    return Promise.all(
      body.cases.map(async (summary) => ({
        ...summary,
        reports: (await this.api(`api/v1/cases/${summary.id}`, { headers: { Cookie: cookie } })).body.reports,
      })),
    );
  }

  async close() {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Waits until the extension sees `policy` in its managed storage. */
async function policyInForce(context, policy) {
  for (;;) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    const managed = await worker.evaluate(() => chrome.storage.managed.get(null)).catch(() => ({}));
    if (Object.entries(policy).every(([key, value]) => managed[key] === value)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Hovers `comment` on `page`, clicks the flag action, returns the report form's page. */
async function openForm(browser, page, comment) {
  await page.locator(comment).hover();
  const action = page.getByRole("button", { name: browser.messages.flagAction });
  await action.waitFor();
  const [form] = await Promise.all([browser.context.waitForEvent("page"), action.click()]);
  await form.waitForLoadState();
  await form.locator("#preview dd").first().waitFor();
  return form;
}

async function send(browser, form, expected) {
  await form.getByRole("button", { name: browser.messages.reportSend }).click();
  await form.getByRole("status").filter({ hasText: expected }).waitFor();
}

test("a member of staff flags comments to the communication service's inbox", async (t) => {
  const inbox = new Inbox();
  await inbox.start();
  const policy = { reportEndpoint: inbox.url, reportToken: inbox.token, reportIncludesReporter: true };
  try {
    await withManagedPolicy(policy, async (managed) => {
      const browser = await launchChromium();
      const { context, messages } = browser;
      const shots = [];
      try {
        await policyInForce(context, policy);
        const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;

        await t.test("an insult on X: the action on hover, the reason prefilled, the report in the inbox", async () => {
          const page = await context.newPage();
          await page.goto("https://x.com/home");
          const form = await openForm(browser, page, '#insult-tweet [data-testid="tweetText"]');
          // The action sat over the comment's corner, outside the site's nodes.
          assert.equal(await page.locator('#insult-tweet [data-vigie]').count(), 0);

          const suggested = form.getByRole("radio", { name: new RegExp(messages.categoryDiffamationInjure) });
          assert.equal(await suggested.isChecked(), true);
          assert.match(await form.locator("label", { has: suggested }).textContent(), /suggéré par Vigie|suggested by Vigie/);
          assert.match(await form.locator("#findings").textContent(), /escroc|incompétent/);
          const reporter = form.getByLabel(messages.reportReporter);
          await reporter.fill("Claire Dupont");
          await form.getByLabel(messages.reportNote).fill("Plusieurs réponses du même compte ce matin.");
          const preview = await form.locator("#preview").textContent();
          for (const shown of [INSULT, "Patient en colère", "https://x.com/patient_en_colere/status/1859", "Plusieurs réponses du même compte ce matin.", "Claire Dupont"]) {
            assert.ok(preview.includes(shown), `preview shows ${shown}: ${preview}`);
          }
          shots.push(await screenshot(form, "flag-form"));
          await send(browser, form, messages.reportSent);
          await form.close();

          const [received] = (await inbox.cases()).filter((c) => c.text === INSULT);
          assert.ok(received, "the inbox lists the insult");
          assert.equal(received.platform, "x");
          assert.equal(received.author, "Patient en colère");
          assert.equal(received.url, "https://x.com/patient_en_colere/status/1859");
          assert.equal(received.reason, "diffamation_injure");
          assert.equal(received.reports[0].note, "Plusieurs réponses du même compte ce matin.");
          assert.equal(received.reports[0].reporter, "Claire Dupont");

          // Keyboard: focus inside a comment shows the action; Alt+Shift+S reaches it.
          await page.locator('a[href="/chu_nantes/status/1"]').focus();
          const action = page.getByRole("button", { name: messages.flagAction });
          await action.waitFor();
          shots.push(await screenshot(page, "flag-action"));
          await page.keyboard.press("Alt+Shift+KeyS");
          assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-vigie")), "flag");
          const [keyboardForm] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
          await keyboardForm.locator("#preview dd").first().waitFor();
          assert.match(await keyboardForm.locator("#preview").textContent(), /Journée portes ouvertes/);
          // "Annuler" closes the form and sends nothing. The window may close before the
          // click's own acknowledgement arrives: the close is what the user sees.
          const cancelled = keyboardForm.waitForEvent("close");
          await keyboardForm
            .getByRole("button", { name: messages.reportCancel })
            .click()
            .catch((error) => {
              if (!keyboardForm.isClosed()) throw error;
            });
          await cancelled;
          assert.equal((await inbox.cases()).filter((c) => /Journée portes ouvertes/.test(c.text)).length, 0);
          await page.close();
        });

        await t.test("with the inbox down the report waits, then goes when it is back", async () => {
          await inbox.stop();
          const page = await context.newPage();
          await page.goto("https://www.facebook.com/");
          const form = await openForm(browser, page, '[aria-label="Commentaire de Camille"] div[dir="auto"]');
          // Nothing suspicious: "autre"; the reporter's name was remembered.
          assert.equal(await form.getByRole("radio", { name: messages.reportReasonOther }).isChecked(), true);
          assert.equal(await form.getByLabel(messages.reportReporter).inputValue(), "Claire Dupont");
          await form.getByRole("radio", { name: messages.categoryDevoirReserve }).check();
          await send(browser, form, /Pas encore envoyé|Not sent yet/);
          await form.close();

          const popup = await context.newPage();
          await popup.goto(popupUrl);
          const item = popup.locator("#reports li", { hasText: "Bravo à toutes les équipes" });
          await item.filter({ hasText: /prochain essai|next attempt/ }).waitFor();
          shots.push(await screenshot(popup, "flag-popup"));
          await inbox.start();
          await popup.getByRole("button", { name: messages.reportsRetry }).click();
          await item.filter({ hasText: /Envoyé le|Sent on/ }).waitFor();

          const [received] = (await inbox.cases()).filter((c) => c.text === "Bravo à toutes les équipes !");
          assert.ok(received, "delivered once the inbox is back");
          assert.equal(received.platform, "facebook");
          assert.equal(received.author, "Camille");
          assert.equal(received.url, "https://www.facebook.com/chu/posts/1?comment_id=42");
          assert.equal(received.reason, "devoir_reserve");
          await popup.close();
          await page.close();
        });

        await t.test("a comment carrying markup and script is shown inert in the inbox", async () => {
          const page = await context.newPage();
          await page.goto("https://www.linkedin.com/feed/");
          // What the context menu's entry gets for selected text: that comment's author and link.
          await page.locator("#hostile-comment .update-components-text").selectText();
          const selected = await context.serviceWorkers()[0].evaluate(async () => {
            const [tab] = await chrome.tabs.query({ url: "https://www.linkedin.com/*" });
            return chrome.tabs.sendMessage(tab.id, { kind: "flag-selection" });
          });
          assert.equal(selected.author, "<b>Anonyme</b>");
          assert.match(selected.url, /commentUrn=urn%3Ali%3Acomment%3A7$/);
          assert.match(selected.text, /^<img src=x onerror=.*Ce commentaire contient du HTML$/);

          const form = await openForm(browser, page, "#hostile-comment .update-components-text");
          await send(browser, form, messages.reportSent);
          await form.close();

          await page.goto(inbox.url);
          await page.getByLabel("Identifiant").fill("alice");
          await page.getByLabel("Mot de passe").fill(PASSWORD);
          await page.getByRole("button", { name: "Se connecter" }).click();
          const row = page.locator("#rows tr", { hasText: "Ce commentaire contient du HTML" });
          await row.waitFor();
          assert.match(await row.textContent(), /<img src=x onerror="window.__pwned=1"><script>window.__pwned=2<\/script>/);
          assert.match(await row.textContent(), /<b>Anonyme<\/b>/);
          assert.equal(await page.locator("#rows img, #rows script, #rows b").count(), 0);
          assert.equal(await page.evaluate(() => window.__pwned), undefined);
          shots.push(await screenshot(page, "flag-inbox"));
          await page.close();
        });

        await t.test("a bad token: refused with the inbox's reason, not retried", async () => {
          const wrong = { ...policy, reportToken: "pas-le-bon-jeton" };
          managed.update(wrong);
          await policyInForce(context, wrong);
          const page = await context.newPage();
          await page.goto("https://x.com/home");
          const form = await openForm(browser, page, '#insult-tweet [data-testid="tweetText"]');
          await send(browser, form, /401.*jeton de déploiement absent ou invalide/);
          await form.close();

          const popup = await context.newPage();
          await popup.goto(popupUrl);
          const failed = popup.locator('#reports li[data-state="failed"]');
          await failed.waitFor();
          assert.match(await failed.textContent(), /Échec|Failed/);
          assert.doesNotMatch(await failed.textContent(), /prochain essai|next attempt/);
          const worker = context.serviceWorkers()[0];
          assert.equal(await worker.evaluate(() => chrome.alarms.get("vigie-report-retry")), undefined);
          assert.equal((await inbox.cases()).filter((c) => c.text === INSULT)[0].report_count, 1);
          await popup.close();
          await page.close();
        });

        await t.test("without an inbox in the policy the report is kept, then sent once IT sets it", async () => {
          managed.update({ reportIncludesReporter: false });
          await policyInForce(context, { reportEndpoint: undefined, reportIncludesReporter: false });
          const page = await context.newPage();
          await page.goto("https://www.facebook.com/");
          const form = await openForm(browser, page, '[aria-label="Commentaire de Camille"] div[dir="auto"]');
          await form.getByText(messages.reportNotConfigured).waitFor();
          assert.equal(await form.getByLabel(messages.reportReporter).isVisible(), false);
          await form.getByLabel(messages.reportNote).fill("Gardé en attendant la configuration.");
          await form.getByRole("button", { name: messages.reportKeep }).click();
          await form.getByRole("status").filter({ hasText: messages.reportKept }).waitFor();
          await form.close();

          const popup = await context.newPage();
          await popup.goto(popupUrl);
          const kept = popup.locator('#reports li[data-state="pending"]');
          await kept.waitFor();
          managed.update(policy);
          await kept.waitFor({ state: "detached" });
          const delivered = (await inbox.cases()).flatMap((c) => c.reports).filter((r) => r.note === "Gardé en attendant la configuration.");
          assert.equal(delivered.length, 1);
          assert.equal(delivered[0].reporter, null);
          await popup.close();
          await page.close();
        });
      } finally {
        await browser.close();
        if (shots.length) console.log(`screenshots: ${shots.join(", ")}`);
      }
    });
  } finally {
    await inbox.close();
  }
});
