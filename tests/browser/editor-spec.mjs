// One end-to-end spec for one editor of one fixture page, built from the shared scenarios:
// underline, card, the pause before Post (click and shortcut), a clean text never held, the
// editor's DOM and selection untouched, and a screenshot.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { DIST_CHROMIUM, screenshot } from "./harness.mjs";
import * as s from "./scenarios.mjs";

const pack = JSON.parse(fs.readFileSync(path.join(DIST_CHROMIUM, "pack/chu-nantes.json"), "utf8"));
const ruleById = new Map(pack.rules.filter((r) => r.id).map((r) => [r.id, r]));

/** Counts Vigie dialogs that ever appear on the page (so "never held" can be asserted). */
async function countDialogs(page) {
  await page.evaluate(() => {
    window.__vigieDialogs = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.getAttribute?.("data-vigie") === "dialog") window.__vigieDialogs += 1;
    }).observe(document.documentElement, { childList: true });
  });
  return () => page.evaluate(() => window.__vigieDialogs);
}

/**
 * @param {() => {context: import("playwright-core").BrowserContext}} browser
 * @param {{name: string, fixture: string, editor: string, post?: string, shortcut?: string, screenshotName: string}} spec
 */
export function editorSpec(browser, spec) {
  const { fixture, editor } = spec;

  test(`${spec.name}: a NIR is underlined as critical secret_medical, the editor untouched`, async () => {
    const page = await s.openFixture(browser().context, fixture);
    await s.typeText(page, editor, s.NIR_POST);
    await s.watchEditor(page, editor);
    const critical = s.mark(page, { severity: "critical", category: "secret_medical" });
    await critical.first().waitFor();
    await s.waitAnalysed(page, s.NIR_POST.length);
    if (spec.textarea) await s.assertTextareaMarkCovers(page, critical, editor, s.NIR);
    else await s.assertMarkCovers(page, critical, editor, s.NIR);
    assert.equal(await critical.first().getAttribute("data-vigie-start"), String(s.NIR_POST.indexOf(s.NIR)));
    if (!spec.textarea) {
      const names = await page.evaluate(() => [...CSS.highlights.keys()]);
      assert.ok(names.some((n) => n.includes("critical")), `no critical highlight registered: ${names}`);
    }
    await s.assertEditorUntouched(page);
    spec.screenshots?.push(await screenshot(page, spec.screenshotName));

    // The page's layout moves the editor (content inserted above): the underline follows.
    const before = await critical.first().boundingBox();
    await page.evaluate(() => {
      const banner = document.createElement("div");
      banner.style.height = "120px";
      document.body.prepend(banner);
    });
    await page.waitForFunction(
      ([y]) => {
        const mark = document.querySelector('[data-vigie="layer"]').shadowRoot.querySelector('.mark[data-vigie-severity="critical"]');
        return mark && Math.abs(mark.getBoundingClientRect().y - (y + 120)) < 2;
      },
      [before.y],
    );
    if (spec.textarea) await s.assertTextareaMarkCovers(page, critical, editor, s.NIR);
    else await s.assertMarkCovers(page, critical, editor, s.NIR);
    await page.close();
  });

  test(`${spec.name}: hovering the underline and putting the caret in it show the card`, async () => {
    const page = await s.openFixture(browser().context, fixture);
    await s.typeText(page, editor, s.NIR_POST);
    const critical = s.mark(page, { severity: "critical" }).first();
    await critical.waitFor();
    await s.waitAnalysed(page, s.NIR_POST.length);
    await s.watchEditor(page, editor);
    const rule = ruleById.get(await critical.getAttribute("data-vigie-rule"));
    const box = await critical.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.locator('[data-vigie="layer"] [data-vigie-card]');
    await card.waitFor({ state: "visible" });
    const text = await card.textContent();
    assert.match(text, /Vigie/);
    const m = browser().messages;
    assert.ok(text.includes(m.severityCritical), text);
    assert.ok(text.includes(m.categorySecretMedical), text);
    if (rule) assert.ok(text.includes(rule.message), `card lacks the rule's message: ${text}`);
    assert.ok(text.includes(m.cardGuide), text);
    spec.screenshots?.push(await screenshot(page, `${spec.screenshotName}-card`));
    await s.assertEditorUntouched(page);

    // Keyboard: leave with the mouse, move the caret into the underline.
    await page.mouse.move(5, 5);
    await card.waitFor({ state: "hidden" });
    await page.keyboard.press("End");
    const back = s.NIR_POST.length - s.NIR_POST.indexOf(s.NIR) - 3;
    for (let i = 0; i < back; i += 1) await page.keyboard.press("ArrowLeft");
    await card.waitFor({ state: "visible" });
    assert.equal(await page.locator('[data-vigie="layer"] .live').innerText(), `${m.severityCritical} : ${rule ? rule.message : (await card.locator(".message").innerText())}`);
    // Alt+Shift+V moves the focus into the card; Escape returns to the text.
    await page.keyboard.press("Alt+Shift+V");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-vigie") === "layer");
    await page.keyboard.press("Escape");
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), editor);
    await page.close();
  });

  if (spec.post) {
    test(`${spec.name}: Post is held; "Revenir au texte" keeps it unsent; "Publier quand même" sends it once`, async () => {
      const page = await s.openFixture(browser().context, fixture);
      await s.typeText(page, editor, s.NIR_POST);
      await s.mark(page, { severity: "critical" }).first().waitFor();
      await page.locator(spec.post).click();
      const dialog = s.dialog(page);
      await dialog.waitFor();
      assert.match(await dialog.innerText(), new RegExp(s.NIR));
      spec.screenshots?.push(await screenshot(page, `${spec.screenshotName}-dialog`));
      const m = browser().messages;
      assert.equal(await dialog.getByRole("button", { name: m.dialogPublish }).isDisabled(), true);
      await dialog.getByRole("button", { name: m.dialogBack }).click();
      await dialog.waitFor({ state: "detached" });
      await s.settle(page);
      assert.deepEqual(await s.posts(page), []);
      // The first finding is selected in the editor.
      const selected = await page.evaluate((sel) => {
        const el = document.querySelector(sel);
        return el.value !== undefined ? el.value.slice(el.selectionStart, el.selectionEnd) : getSelection().toString();
      }, editor);
      assert.equal(selected, s.NIR);

      await page.locator(spec.post).click();
      await dialog.waitFor();
      await s.publishAnyway(page, browser().messages);
      await page.waitForFunction(() => window.__posts.length > 0);
      await s.settle(page);
      const sent = await s.posts(page);
      assert.equal(sent.length, 1);
      assert.match(sent[0].via, /^(click|key):/);
      assert.ok(sent[0].text.includes(s.NIR));
      await page.close();
    });
  }

  if (spec.shortcut) {
    test(`${spec.name}: the ${spec.shortcut} shortcut is held, then goes through once`, async () => {
      const page = await s.openFixture(browser().context, fixture);
      await s.typeText(page, editor, s.NIR_POST);
      await s.mark(page, { severity: "critical" }).first().waitFor();
      await page.keyboard.press(spec.shortcut);
      const dialog = s.dialog(page);
      await dialog.waitFor();
      await s.settle(page);
      assert.deepEqual(await s.posts(page), []);
      await s.publishAnyway(page, browser().messages);
      await page.waitForFunction(() => window.__posts.length > 0);
      await s.settle(page);
      const sent = await s.posts(page);
      assert.equal(sent.length, 1);
      assert.match(sent[0].via, /^shortcut:/);
      await page.close();
    });
  }

  test(`${spec.name}: nothing is analysed during an IME composition; the committed text is`, async () => {
    const page = await s.openFixture(browser().context, fixture);
    const prefix = "NIR ";
    await s.typeText(page, editor, prefix);
    await s.waitAnalysed(page, prefix.length);
    const cdp = await page.context().newCDPSession(page);
    for (let i = 1; i <= s.NIR.length; i += 4) {
      const partial = s.NIR.slice(0, i);
      await cdp.send("Input.imeSetComposition", { text: partial, selectionStart: partial.length, selectionEnd: partial.length });
    }
    await cdp.send("Input.imeSetComposition", { text: s.NIR, selectionStart: s.NIR.length, selectionEnd: s.NIR.length });
    const composing = page.locator('[data-vigie="layer"] .marks[data-vigie-composing="true"]');
    await composing.waitFor({ state: "attached" });
    assert.equal(await s.mark(page, { severity: "critical" }).count(), 0);
    assert.equal(await composing.getAttribute("data-vigie-analyzed"), String(prefix.length));
    await cdp.send("Input.insertText", { text: s.NIR });
    await s.mark(page, { severity: "critical" }).first().waitFor();
    await s.waitAnalysed(page, prefix.length + s.NIR.length);
    await cdp.detach();
    await page.close();
  });

  test(`${spec.name}: pasted text is analysed`, async () => {
    const page = await s.openFixture(browser().context, fixture);
    await browser().context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
    await page.locator(editor).click();
    await page.evaluate((text) => navigator.clipboard.writeText(text), s.NIR_POST);
    await page.keyboard.press("Control+V");
    await s.mark(page, { severity: "critical", category: "secret_medical" }).first().waitFor();
    await s.waitAnalysed(page, s.NIR_POST.length);
    await page.close();
  });

  test(`${spec.name}: a clean text is never held`, async () => {
    const page = await s.openFixture(browser().context, fixture);
    const dialogs = await countDialogs(page);
    await s.typeText(page, editor, s.CLEAN_POST);
    // Post right away, before the analysis has even run: it must go through, once.
    if (spec.post) await page.locator(spec.post).click();
    else if (spec.shortcut) await page.keyboard.press(spec.shortcut);
    if (spec.post || spec.shortcut) {
      await page.waitForFunction(() => window.__posts.length > 0);
      await s.settle(page);
      assert.equal((await s.posts(page)).length, 1);
    }
    await s.waitAnalysed(page, s.CLEAN_POST.length);
    assert.equal(await s.mark(page, {}).count(), 0);
    assert.equal(await dialogs(), 0);
    await page.close();
  });
}
