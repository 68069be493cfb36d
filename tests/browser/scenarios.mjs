// Scenario steps shared by the per-editor specs: what a user does (type, compose, paste,
// post) and what they see (underlines, card, dialog), observed through the UI contract
// (shadow roots under [data-vigie], data-vigie-category/-severity, role=dialog "Vigie…").

import assert from "node:assert/strict";
import { FIXTURE_URLS } from "./harness.mjs";

export const NIR = "2 55 08 14 168 025 38";
export const NIR_POST = `Merci au patient de la chambre 12, NIR ${NIR}, pour sa patience.`;
export const CLEAN_POST = "Belle journée de formation avec l'équipe !";

export async function openFixture(context, fixture) {
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.VIGIE_TEST_TIMEOUT_MS ?? 10000));
  await page.goto(FIXTURE_URLS[fixture]);
  // The content script is ready when its layer exists.
  await page.locator('[data-vigie="layer"]').waitFor({ state: "attached" });
  return page;
}


/** Waits until some editor's analysed text has `length` UTF-16 units. */
export async function waitAnalysed(page, length) {
  await page.locator(`[data-vigie="layer"] .marks[data-vigie-analyzed="${length}"]`).first().waitFor({ state: "attached" });
}

export async function typeText(page, editorSelector, text) {
  await page.locator(editorSelector).click();
  await page.keyboard.type(text);
}

export async function clearEditor(page, editorSelector) {
  await page.locator(editorSelector).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
}

/** Records every mutation of the editor and its selection, from the page's own world. */
export async function watchEditor(page, editorSelector) {
  // The site's own pending re-renders first (the X fixture re-renders after each input).
  await settle(page);
  await page.evaluate((selector) => {
    const editor = document.querySelector(selector);
    const snapshot = () => {
      const s = getSelection();
      const point = (node, offset) => {
        const path = [];
        for (let n = node; n && n !== editor; n = n.parentNode) path.unshift([...n.parentNode.childNodes].indexOf(n));
        return `${path.join("/")}@${offset}`;
      };
      const selection = editor.value !== undefined
        ? `${editor.selectionStart}-${editor.selectionEnd}`
        : s.rangeCount ? `${point(s.anchorNode, s.anchorOffset)}:${point(s.focusNode, s.focusOffset)}` : "none";
      return { html: editor.outerHTML, value: editor.value ?? null, selection };
    };
    window.__vigieWatch = { before: snapshot(), mutations: 0, what: [], snapshot };
    new MutationObserver((records) => {
      window.__vigieWatch.mutations += records.length;
      for (const r of records) window.__vigieWatch.what.push(`${r.type} ${r.attributeName ?? ""} on ${r.target.nodeName}`);
    })
      .observe(editor, { subtree: true, childList: true, characterData: true, attributes: true });
  }, editorSelector);
}

export async function assertEditorUntouched(page) {
  const result = await page.evaluate(() => ({ ...window.__vigieWatch, after: window.__vigieWatch.snapshot() }));
  assert.equal(result.mutations, 0, `Vigie changed the editor's DOM: ${result.what.join("; ")}`);
  assert.deepEqual(result.after, result.before, "the editor's DOM or selection changed");
}

export function mark(page, { severity, category }) {
  let selector = '[data-vigie="layer"] .mark';
  if (severity) selector += `[data-vigie-severity="${severity}"]`;
  if (category) selector += `[data-vigie-category="${category}"]`;
  return page.locator(selector);
}

/**
 * Asserts the marks of one finding in a textarea sit on the words. The oracle is the test's own
 * measurement: a copy of the textarea with every computed property, laid over it.
 */
export async function assertTextareaMarkCovers(page, markLocator, editorSelector, words) {
  const boxes = await markLocator.evaluateAll((marks) => marks.map((m) => m.getBoundingClientRect().toJSON()));
  const expected = await page.evaluate(([selector, needle]) => {
    const textarea = document.querySelector(selector);
    const style = getComputedStyle(textarea);
    const copy = document.createElement("div");
    for (const property of style) copy.style.setProperty(property, style.getPropertyValue(property));
    const box = textarea.getBoundingClientRect();
    Object.assign(copy.style, {
      position: "fixed", left: `${box.left}px`, top: `${box.top}px`, margin: "0", visibility: "hidden",
      overflow: "hidden", whiteSpace: "pre-wrap", overflowWrap: "break-word", boxSizing: "border-box",
      width: `${box.width}px`, height: `${box.height}px`,
    });
    copy.textContent = textarea.value;
    document.body.append(copy);
    copy.scrollTop = textarea.scrollTop;
    const at = textarea.value.indexOf(needle);
    const range = document.createRange();
    range.setStart(copy.firstChild, at);
    range.setEnd(copy.firstChild, at + needle.length);
    const rects = [...range.getClientRects()].filter((r) => r.width >= 1).map((r) => r.toJSON());
    copy.remove();
    return rects;
  }, [editorSelector, words]);
  assert.equal(boxes.length, expected.length, `${boxes.length} marks for ${expected.length} line(s)`);
  boxes.forEach((b, i) => {
    const e = expected[i];
    assert.ok(Math.abs(b.x - e.x) <= 2 && Math.abs(b.y - e.y) <= 2 && Math.abs(b.width - e.width) <= 3, `mark ${JSON.stringify(b)} vs words ${JSON.stringify(e)}`);
  });
}

/** Asserts the first mark covers the words `words` inside the editor. */
export async function assertMarkCovers(page, markLocator, editorSelector, words) {
  const markBox = await markLocator.first().boundingBox();
  const wordsBox = await page.evaluate(
    ([selector, needle]) => {
      const editor = document.querySelector(selector);
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(needle);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          const r = range.getClientRects()[0];
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    },
    [editorSelector, words],
  );
  assert.ok(markBox && wordsBox, "mark or words not found");
  assert.ok(Math.abs(markBox.x - wordsBox.x) <= 2, `mark starts at x=${markBox.x}, words at x=${wordsBox.x}`);
  assert.ok(Math.abs(markBox.width - wordsBox.width) <= 3, `mark width ${markBox.width}, words width ${wordsBox.width}`);
  assert.ok(Math.abs(markBox.y - wordsBox.y) <= 3, `mark at y=${markBox.y}, words at y=${wordsBox.y}`);
}

/**
 * The boxes the photo card draws for `rule` on the thumbnail, in the pixels of a picture
 * `width` px wide, left to right. Measured in one go: the card's layout moves while the
 * photo's text is being read.
 */
export async function boxesInPicture(card, rule, width) {
  const selector = `.thumb .region[data-vigie-rule="${rule}"]`;
  await card.locator(selector).first().waitFor();
  const { thumb, boxes } = await card.evaluate((element, boxSelector) => ({
    thumb: element.querySelector(".thumb img").getBoundingClientRect().toJSON(),
    boxes: [...element.querySelectorAll(boxSelector)].map((box) => box.getBoundingClientRect().toJSON()),
  }), selector);
  const k = width / thumb.width;
  return boxes
    .map((b) => ({ left: (b.x - thumb.x) * k, top: (b.y - thumb.y) * k, right: (b.x + b.width - thumb.x) * k, bottom: (b.y + b.height - thumb.y) * k }))
    .sort((p, q) => p.left - q.left);
}

export function dialog(page) {
  return page.getByRole("dialog", { name: /Vigie/ });
}

export async function posts(page) {
  return page.evaluate(() => window.__posts.slice());
}

/** Lets pending tasks and a frame run, so that a second (wrong) post would have happened. */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** "Publier quand même": tick, give a reason if asked, confirm. */
export async function publishAnyway(page, messages) {
  const box = dialog(page);
  await box.getByRole("checkbox").check();
  const reason = box.getByRole("textbox");
  if (await reason.count()) await reason.fill("Test autorisé par le patient");
  await box.getByRole("button", { name: messages.dialogPublish }).click();
  await box.waitFor({ state: "detached" });
}
