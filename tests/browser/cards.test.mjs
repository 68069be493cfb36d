// The text warnings as a nurse meets them (s7 bug bash): several findings on the same words,
// the card beside the site's Post button, a long pause dialog on a laptop screen, one name
// said once, and the words of the first pause.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST_CHROMIUM, FIXTURES, launchChromium, screenshot } from "./harness.mjs";
import * as s from "./scenarios.mjs";

let chromium;
const browser = () => chromium;

const FACEBOOK = { fixture: "facebook.html", editor: "#post-editor", post: '[role="dialog"] [role="button"][aria-label="Publier"]' };
const X = { fixture: "x.html", editor: '[data-testid="tweetTextarea_0"]', post: '[data-testid="tweetButtonInline"]' };
const LINKEDIN = { fixture: "linkedin-quill.html", editor: "#share-editor", post: "button.share-actions__primary-action" };

/** A rule of the test pack: `terms` flagged with `severity` in `category`. */
function rule(id, category, severity, terms) {
  return { id, kind: "lexicon", category, severity, message: `Message de ${id}.`, guide: "Guide de test", terms };
}

// Rules whose findings overlap the way the shipped pack's do (« Mme Leroux » under a warning
// and a critical, « Kevin Morel » flagged word by word), under words no other rule knows.
const RULES = [
  rule("zorglub-warning", "secret_medical", "warning", ["zorglub"]),
  rule("zorglub-critical", "secret_medical", "critical", ["zorglub"]),
  rule("zorglub-injure", "diffamation_injure", "warning", ["zorglub"]),
  rule("name-word", "secret_medical", "critical", ["kevinfictif", "morelfictif"]),
  ...["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"].map((w) => rule(`${w}-w`, "devoir_reserve", "warning", [`${w}fictif`])),
  ...["golf", "hotel", "india"].map((w) => rule(`${w}-c`, "secret_medical", "critical", [`${w}fictif`])),
  // « M. Benali » in the shipped pack's s7 version: a title warning over a name critical.
  rule("quux-title", "secret_medical", "warning", ["M. quuxfictif"]),
  rule("quux-name", "secret_medical", "critical", ["quuxfictif"]),
  rule("quux-image", "droit_image", "warning", ["M. quuxfictif"]),
];
const ZORGLUB = "Bon rétablissement à zorglub, en chirurgie depuis hier.";

before(async () => {
  chromium = await launchChromium();
  // The pack in force for this file: the shipped adapters, the rules above.
  const testPack = JSON.parse(fs.readFileSync(path.join(FIXTURES, "test-pack.json"), "utf8"));
  const shipped = JSON.parse(fs.readFileSync(path.join(DIST_CHROMIUM, "pack/chu-nantes.json"), "utf8"));
  Object.assign(testPack, { version: 1000, adapters: shipped.adapters, rules: RULES });
  const { context, extensionId } = browser();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate((text) => chrome.storage.local.set({ "pack.current": text }), JSON.stringify(testPack));
  const cdp = await context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
  const status = await page.evaluate(() => chrome.runtime.sendMessage({ kind: "get-status" }));
  assert.equal(status.value.pack.id, "browser-test", JSON.stringify(status));
  await page.close();
});
after(async () => {
  await chromium?.close();
});

function card(page) {
  return page.locator('[data-vigie="layer"] [data-vigie-card]');
}

/** Opens the fixture (in a window of `size`), types `text` and waits until its findings are painted. */
async function typed(site, text, size) {
  const page = await s.openFixture(browser().context, site.fixture);
  if (size) await page.setViewportSize(size);
  await s.typeText(page, site.editor, text);
  await s.waitAnalysed(page, text.length);
  await s.mark(page, {}).first().waitFor();
  return page;
}

/** Puts the caret `into` characters after the start of `words`. */
async function caretInto(page, text, words, into = 2) {
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < text.indexOf(words) + into; i += 1) await page.keyboard.press("ArrowRight");
}

/** The severity and message of each line of the card, top to bottom. */
async function cardItems(page) {
  return card(page).locator(".item").evaluateAll((items) =>
    items.map((item) => ({ severity: item.dataset.vigieSeverity, message: item.querySelector(".message").textContent })),
  );
}

async function dialogLines(page) {
  return s.dialog(page).locator("li").evaluateAll((items) =>
    items.map((li) => ({ severity: li.dataset.vigieSeverity, text: li.textContent })),
  );
}

function centre(box) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function overlap(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The open card is in the window, off the underlined words and off the Post button, its first message in view. */
async function assertCardClear(page, site, words, how) {
  const box = await card(page).boundingBox();
  const button = await page.locator(site.post).boundingBox();
  const view = page.viewportSize();
  const where = `${how}: card ${JSON.stringify(box)}, button ${JSON.stringify(button)}, words ${JSON.stringify(words)}`;
  assert.ok(!overlap(box, button), `the card hides the Post button, ${where}`);
  assert.ok(!overlap(box, words), `the card hides the words, ${where}`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height, `off the window, ${where}`);
  const message = await card(page).locator(".message").first().boundingBox();
  assert.ok(message.y >= box.y && message.y + message.height <= box.y + box.height, `first message cut, ${where}`);
}

describe("several findings on the same words", () => {
  test("the card shows every distinct finding, the critical first, on hover, with the caret and aloud, as the dialog does", async () => {
    const page = await typed(FACEBOOK, ZORGLUB);
    const m = browser().messages;
    const expected = [
      { severity: "critical", message: "Message de zorglub-critical." },
      { severity: "warning", message: "Message de zorglub-injure." },
    ];
    const at = centre(await s.mark(page, {}).first().boundingBox());
    await page.mouse.move(at.x, at.y);
    await card(page).waitFor({ state: "visible" });
    assert.deepEqual(await cardItems(page), expected);
    assert.equal(await card(page).getAttribute("data-vigie-severity"), "critical");
    await screenshot(page, "card-two-findings");

    await page.mouse.move(2, 2);
    await card(page).waitFor({ state: "hidden" });
    await caretInto(page, ZORGLUB, "zorglub");
    await card(page).waitFor({ state: "visible" });
    assert.deepEqual(await cardItems(page), expected);
    assert.equal(
      await page.locator('[data-vigie="layer"] .live').innerText(),
      `${m.severityCritical} : Message de zorglub-critical. ; ${m.severityWarning} : Message de zorglub-injure.`,
    );

    await page.locator(FACEBOOK.post).click();
    await s.dialog(page).waitFor();
    const lines = await dialogLines(page);
    assert.deepEqual(
      lines.map((line) => line.severity),
      expected.map((item) => item.severity),
    );
    expected.forEach((item, i) => assert.ok(lines[i].text.includes(item.message) && lines[i].text.includes("« zorglub »"), lines[i].text));
    await page.close();
  });
});

describe("the card and the site's Post button", () => {
  test("facebook: the caret card leaves Publier uncovered and the first click on it holds the post", async () => {
    const page = await typed(FACEBOOK, ZORGLUB);
    await caretInto(page, ZORGLUB, "zorglub");
    await card(page).waitFor({ state: "visible" });
    const button = centre(await page.locator(FACEBOOK.post).boundingBox());
    await screenshot(page, "card-caret-beside-publier");
    const covered = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("[data-vigie]") !== null, button);
    assert.equal(covered, false, "the card covers Publier");
    await page.mouse.click(button.x, button.y);
    await s.dialog(page).waitFor();
    assert.deepEqual(await s.posts(page), []);
    await page.close();
  });

  // The s7 re-check: on Facebook the card stood over « Publier » (drawn over it, clicks let through).
  for (const [name, site] of Object.entries({ facebook: FACEBOOK, linkedin: LINKEDIN, x: X })) {
    for (const [width, height] of [[1280, 720], [800, 600]]) {
      test(`${name} at ${width}×${height}: the card, by hover and by caret, stays off the Post button and the words`, async () => {
        const texts = ["zorglub va mieux, elle sort demain de cardio.", "Bonne nouvelle pour l'équipe : zorglub va mieux, elle sort demain."];
        for (const text of texts) {
          const page = await typed(site, text, { width, height });
          const words = await s.mark(page, {}).first().boundingBox();
          await page.mouse.move(centre(words).x, centre(words).y);
          await card(page).waitFor({ state: "visible" });
          await assertCardClear(page, site, words, `hover in « ${text} »`);
          await screenshot(page, `card-clear-${name}-${width}-${texts.indexOf(text)}`);
          await page.mouse.move(width - 2, height - 2);
          await card(page).waitFor({ state: "hidden" });
          await caretInto(page, text, "zorglub");
          await card(page).waitFor({ state: "visible" });
          await assertCardClear(page, site, words, `caret in « ${text} »`);
          await page.close();
        }
      });
    }
  }

  test("facebook at 800×600: a card past « Publier » stays open while the pointer goes down to it", async () => {
    const text = "Bonne nouvelle pour l'équipe : zorglub va mieux, elle sort demain.";
    const page = await typed(FACEBOOK, text, { width: 800, height: 600 });
    const words = await s.mark(page, {}).first().boundingBox();
    await page.mouse.move(centre(words).x, centre(words).y);
    await card(page).waitFor({ state: "visible" });
    const box = await card(page).boundingBox();
    assert.ok(box.y > (await page.locator(FACEBOOK.post).boundingBox()).y, "the card is not past the button: the test tests nothing");
    await page.mouse.move(centre(words).x, box.y + 20, { steps: 10 });
    await s.settle(page);
    assert.ok(await card(page).isVisible(), "the card closed on the way to it");
    await page.close();
  });

  test("x: moving the mouse from the underline down to Poster, the click holds the post", async () => {
    // The underline at the start of the line: a card below it would sit on Poster.
    const page = await typed(X, "zorglub va mieux, elle sort demain de cardio.");
    const at = centre(await s.mark(page, {}).first().boundingBox());
    await page.mouse.move(at.x, at.y);
    await card(page).waitFor({ state: "visible" });
    const button = centre(await page.locator(X.post).boundingBox());
    await page.mouse.move(button.x, button.y, { steps: 10 });
    await page.mouse.click(button.x, button.y);
    await s.dialog(page).waitFor();
    assert.deepEqual(await s.posts(page), []);
    await page.close();
  });

  test("a card opened by hover stays while the pointer is on it and closes once it leaves it and the underline", async () => {
    const page = await typed(X, ZORGLUB);
    const at = centre(await s.mark(page, {}).first().boundingBox());
    await page.mouse.move(at.x, at.y);
    await card(page).waitFor({ state: "visible" });
    const box = await card(page).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await s.settle(page);
    assert.ok(await card(page).isVisible(), "the card closed under the pointer");
    await page.mouse.move(box.x + box.width + 40, box.y + box.height + 40, { steps: 5 });
    await card(page).waitFor({ state: "hidden" });
    await page.close();
  });
});

describe("the pause dialog on a laptop screen", () => {
  test("it opens at its top, criticals first, with the focus on « Revenir au texte »", async () => {
    const page = await s.openFixture(browser().context, FACEBOOK.fixture);
    await page.setViewportSize({ width: 1000, height: 650 });
    // Warnings first in the text, criticals last: more lines than the window holds.
    const text = "alphafictif bravofictif charliefictif deltafictif echofictif foxtrotfictif golffictif hotelfictif indiafictif zorglub";
    await s.typeText(page, FACEBOOK.editor, text);
    await s.waitAnalysed(page, text.length);
    await page.locator(FACEBOOK.post).click();
    const box = s.dialog(page);
    await box.waitFor();
    const state = await box.evaluate((dialog) => ({
      scrollTop: dialog.scrollTop,
      scrolls: dialog.scrollHeight > dialog.clientHeight,
      focused: dialog.getRootNode().activeElement?.textContent,
    }));
    assert.ok(state.scrolls, "the dialog fits: the test does not test scrolling");
    assert.equal(state.scrollTop, 0);
    assert.equal(state.focused, browser().messages.dialogBack);
    // The first pause reproaches nothing: no « encore » ("still").
    const intro = await box.locator("p").first().innerText();
    assert.equal(intro, browser().messages.dialogIntro);
    assert.doesNotMatch(intro, /encore/);
    const dialogBox = await box.boundingBox();
    for (const part of [box.getByRole("heading"), box.locator("p").first(), box.locator("li").first()]) {
      const r = await part.boundingBox();
      assert.ok(r.y >= dialogBox.y && r.y + r.height <= dialogBox.y + dialogBox.height, `${await part.innerText()} is off screen`);
    }
    await screenshot(page, "dialog-laptop-650");
    const severities = (await dialogLines(page)).map((line) => line.severity);
    assert.deepEqual(severities, ["critical", "critical", "critical", "critical", "warning", "warning", "warning", "warning", "warning", "warning", "warning"]);
    // Back to the text on the line listed first.
    await box.getByRole("button", { name: browser().messages.dialogBack }).click();
    await page.waitForFunction(() => getSelection().toString() === "golffictif");
    await page.close();
  });
});

describe("one name, said once", () => {
  test("two rules of one category on the same words give one line and one card item, the more severe", async () => {
    const page = await typed(FACEBOOK, ZORGLUB);
    await page.locator(FACEBOOK.post).click();
    await s.dialog(page).waitFor();
    const listed = (await dialogLines(page)).map((line) => line.text).join("\n");
    assert.ok(!listed.includes("zorglub-warning"), listed);
    assert.equal(await s.mark(page, { severity: "warning", category: "secret_medical" }).count(), 0);
    await page.close();
  });

  test("a warning over words that hold a critical of its category is one critical over all of them; another category keeps its line", async () => {
    const text = "Courage à M. quuxfictif, en chirurgie depuis hier.";
    const page = await typed(FACEBOOK, text);
    const spans = await s.mark(page, {}).evaluateAll((marks) =>
      marks.map((m) => `${m.dataset.vigieSeverity} ${m.dataset.vigieCategory} ${m.dataset.vigieStart}-${m.dataset.vigieEnd}`).sort(),
    );
    const words = `${text.indexOf("M. quuxfictif")}-${text.indexOf(",")}`;
    assert.deepEqual(spans, [`critical secret_medical ${words}`, `warning droit_image ${words}`]);
    const at = centre(await s.mark(page, { severity: "critical" }).first().boundingBox());
    await page.mouse.move(at.x, at.y);
    await card(page).waitFor({ state: "visible" });
    assert.deepEqual(await cardItems(page), [
      { severity: "critical", message: "Message de quux-name." },
      { severity: "warning", message: "Message de quux-image." },
    ]);
    await page.locator(FACEBOOK.post).click();
    await s.dialog(page).waitFor();
    const lines = await dialogLines(page);
    assert.deepEqual(lines.map((line) => line.severity), ["critical", "warning"]);
    assert.ok(lines[0].text.includes("Message de quux-name.") && lines[0].text.endsWith("« M. quuxfictif »"), lines[0].text);
    assert.ok(lines[1].text.includes("Message de quux-image."), lines[1].text);
    await page.close();
  });

  test("a first name and a surname flagged apart are one underline and one excerpt", async () => {
    const text = "Hospitalisé depuis lundi, kevinfictif morelfictif refuse son traitement";
    const page = await typed(FACEBOOK, text);
    const spans = await s.mark(page, {}).evaluateAll((marks) => marks.map((m) => `${m.dataset.vigieStart}-${m.dataset.vigieEnd}`));
    assert.deepEqual(spans, [`${text.indexOf("kevinfictif")}-${text.indexOf("morelfictif") + "morelfictif".length}`]);
    await page.locator(FACEBOOK.post).click();
    await s.dialog(page).waitFor();
    const lines = await dialogLines(page);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.ok(lines[0].text.endsWith("« kevinfictif morelfictif »"), lines[0].text);
    await page.close();
  });
});
