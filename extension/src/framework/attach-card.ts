// The attach card: what a photo's file says that the picture does not show, what the picture
// shows (faces, readable text), and three choices (a clean copy, the original anyway, cancel).
// A modal dialog in Vigie's own shadow root, keyboard first: focus starts on the card itself
// (it opens while the user may still be typing: a stray space or Enter must not choose), Tab
// goes to the clean copy and cycles, Escape cancels. Findings with regions are outlined on the thumbnail; the card
// then says that the clean copy only removes what the file hides, not what the picture shows.
// While the text of a photo is being read, its section shows the progress and a button that
// stops the reading; the findings join the section when the reading ends (`update`).

import type { ImageFinding } from "../shared/messages";
import { severityRank } from "../shared/findings";
import { PICTURE } from "../shared/not-checked";
import type { AttachStrings } from "./attach-strings";
import { createLayer, h } from "./layer";
import type { Strings } from "./strings";
import { ATTACH_CSS, DIALOG_CSS } from "./styles";

export type AttachChoice = "clean" | "original" | "cancel";

export interface AttachItem {
  file: File;
  findings: ImageFinding[];
  /** HEIC/AVIF: the clean copy is a JPEG re-encoded by the browser. */
  reencode: boolean;
  /** Whether a clean copy can be made (not for a HEIC/AVIF this browser cannot decode, nor a GIF):
   * the clean copy of a pick attaches the others as they are. */
  cleanable: boolean;
  /** Its text is being read: the card shows the progress and a way to stop. */
  reading?: boolean;
}

export interface AttachCard {
  /** The user's next choice (called again after `fail`). */
  choice(): Promise<AttachChoice>;
  /** Says why the last choice could not be carried out; the user chooses again. */
  fail(message: string): void;
  /** The reading of `item`'s text has reached `fraction` (0 to 1). */
  progress(item: AttachItem, fraction: number): void;
  /** `item` changed (its reading ended, findings joined): shows it again. */
  update(item: AttachItem): void;
  close(): void;
}

const READING_CSS = `
.reading { display: flex; gap: 10px; align-items: center; margin: 0 0 10px; flex-wrap: wrap; }
.reading[hidden] { display: none; }
.reading progress { flex: 1 1 160px; }
`;

/** The parts of the picture a finding is about: one (`region`) or several (`regions`). */
function regionsOf(finding: ImageFinding): { x: number; y: number; w: number; h: number }[] {
  return [...(finding.region ? [finding.region] : []), ...(finding.regions ?? [])];
}

/** Text read in the picture (OCR findings carry source "ocr"). */
const isText = (finding: ImageFinding) => finding.source === "ocr";
/** Barcodes and 2D codes read in the picture, and what their content says (source "code"). */
const isCode = (finding: ImageFinding) => finding.source === "code";
const holds = (finding: ImageFinding) => finding.severity !== "info";
/** Something seen in the picture that a metadata-free copy still shows. */
const showsFaces = (item: AttachItem) => item.findings.some((f) => f.regions?.length && !isText(f) && !isCode(f));
const showsCodes = (item: AttachItem) => item.findings.some((f) => isCode(f) && holds(f));
const showsText = (item: AttachItem) => item.findings.some((f) => isText(f) && holds(f));
/** The browser could not decode the picture: nothing in it was checked. */
const notChecked = (item: AttachItem) => item.findings.some((f) => f.rule === PICTURE.rule);
/** What the file hides (metadata) that a clean copy would remove. */
const hidesMetadata = (item: AttachItem) =>
  item.findings.some((f) => holds(f) && !f.regions?.length && f.rule !== PICTURE.rule && !isText(f) && !isCode(f));

/** Outlines the findings not outlined yet (boxes already drawn stay: they may be in use). */
function outline(frame: HTMLElement, image: HTMLImageElement, findings: ImageFinding[], drawn: WeakSet<ImageFinding>): void {
  const { naturalWidth: width, naturalHeight: height } = image;
  if (!width || !height) return;
  for (const finding of findings) {
    if (drawn.has(finding)) continue;
    drawn.add(finding);
    for (const region of regionsOf(finding)) {
      const box = h("span", { class: "region", "data-vigie-severity": finding.severity, "data-vigie-rule": finding.rule });
      box.style.cssText = `left:${(100 * region.x) / width}%;top:${(100 * region.y) / height}%;` +
        `width:${(100 * region.w) / width}%;height:${(100 * region.h) / height}%`;
      frame.append(box);
    }
  }
}

/**
 * A picture longer than this on one side than on the other keeps a legible thumbnail that
 * scrolls: fitted into 160 x 120 pixels, a strip of faces would be 2 pixels high.
 */
const LONG_PICTURE = 4;

/** The thumbnail and a function that outlines (again) the item's findings on it. */
function thumbnail(item: AttachItem): { frame: HTMLElement; redraw: () => void } {
  const url = URL.createObjectURL(item.file);
  const image = h("img", { alt: "", src: url });
  const picture = h("div", { class: "thumb" }, image);
  const frame = h("div", { class: "thumb-frame" }, picture);
  let loaded = false;
  const drawn = new WeakSet<ImageFinding>();
  const redraw = () => {
    if (loaded) outline(picture, image, item.findings, drawn);
  };
  image.addEventListener("load", () => {
    URL.revokeObjectURL(url);
    loaded = true;
    const { naturalWidth: width, naturalHeight: height } = image;
    if (width > LONG_PICTURE * height) picture.classList.add("wide");
    else if (height > LONG_PICTURE * width) picture.classList.add("tall");
    redraw();
  }, { once: true });
  // A page CSP may refuse blob: images, or the browser may not decode the format.
  image.addEventListener("error", () => {
    URL.revokeObjectURL(url);
    frame.remove();
  }, { once: true });
  return { frame, redraw };
}

export function openAttachCard(
  items: AttachItem[],
  words: Strings,
  strings: AttachStrings,
  stopReading: (item: AttachItem) => void,
): AttachCard {
  const layer = createLayer("attach", DIALOG_CSS + ATTACH_CSS + READING_CSS, true);
  const previousFocus = document.activeElement as HTMLElement | null;

  const findingList = (item: AttachItem) => {
    const list = h("ul", {});
    const sorted = [...item.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    // A photo of a several-photo card with nothing to say is not left with an empty section.
    if (!sorted.length && !item.reading) list.append(h("li", { "data-vigie-nothing": "" }, strings.nothingToSay));
    for (const finding of sorted) {
      const message = words.english && finding.message_en ? finding.message_en : finding.message;
      list.append(
        h(
          "li",
          { "data-vigie-severity": finding.severity, "data-vigie-category": finding.category, "data-vigie-rule": finding.rule },
          h("strong", {}, `${words.severity[finding.severity]} · `),
          message,
        ),
      );
    }
    return list;
  };

  const sections = new Map(
    items.map((item) => {
      const { frame, redraw } = thumbnail(item);
      const bar = h("progress", { max: "100", value: "0" });
      const label = h("span", { role: "status" }, strings.readingProgress(item.file.name, "0"));
      const stop = h("button", { type: "button", "data-vigie-choice": "stop-reading" }, strings.stopReading);
      stop.addEventListener("click", () => {
        stop.disabled = true;
        stopReading(item);
      });
      const reading = h("div", { class: "reading", "data-vigie-reading": item.file.name }, label, bar, stop);
      let list = findingList(item);
      const section = h("section", { "data-vigie-file": item.file.name }, h("h3", {}, strings.fileHeading(item.file.name)), frame, reading, list);
      const render = () => {
        reading.hidden = !item.reading;
        const next = findingList(item);
        list.replaceWith(next);
        list = next;
        redraw();
      };
      render();
      const show = (fraction: number) => {
        const percent = String(Math.round(Math.max(0, Math.min(1, fraction)) * 100));
        bar.value = Number(percent);
        label.textContent = strings.readingProgress(item.file.name, percent);
      };
      return [item, { section, render, show }] as const;
    }),
  );

  const reencoding = items.filter((item) => item.reencode);
  const cleanPossible = items.some((item) => item.cleanable);
  const title = h("h2", { id: "vigie-attach-title" });
  const intro = h("p", { id: "vigie-attach-intro" });
  const notes = h("div", {});
  const error = h("p", { class: "error", role: "alert" });

  const cleanLabel = reencoding.length === items.length ? strings.attachReencoded : strings.attachClean;
  const clean = h("button", { type: "button", class: "primary", "data-vigie-choice": "clean" }, cleanLabel);
  clean.disabled = !cleanPossible;
  const original = h("button", { type: "button", "data-vigie-choice": "original" }, strings.attachOriginal);
  const cancel = h("button", { type: "button", "data-vigie-choice": "cancel" }, strings.cancel);

  /** Title, intro and notes follow what the photos show so far. */
  const describe = () => {
    const faces = items.some(showsFaces);
    const text = items.some(showsText);
    const codes = items.some(showsCodes);
    const unchecked = items.some(notChecked);
    const metadata = items.some(hidesMetadata);
    // Nothing to say yet (or at all, just before the card closes by itself): the reading's title stays.
    const onlyReading = !faces && !codes && !text && !unchecked && !metadata;
    const titles = items.length > 1 ? strings.titlesMany : strings;
    title.textContent = faces ? titles.titlePicture : codes ? titles.titleCode : text ? titles.titleText
      : unchecked ? titles.titleNotChecked : onlyReading ? titles.titleReading : titles.title;
    intro.textContent = faces ? strings.introPicture : codes ? strings.introCode : text ? strings.introText
      : unchecked ? strings.introNotChecked : onlyReading ? strings.introReading : strings.intro;
    const parts: HTMLElement[] = [];
    // What the clean copy leaves visible: only when there is a clean copy to make.
    if (faces && cleanPossible) parts.push(h("p", { class: "note" }, strings.cleanKeepsPicture));
    if (codes && cleanPossible) parts.push(h("p", { class: "note" }, strings.cleanKeepsCode));
    if (text && cleanPossible) parts.push(h("p", { class: "note" }, strings.cleanKeepsText));
    if (reencoding.some((item) => item.cleanable)) parts.push(h("p", { class: "note" }, strings.reencodeNotice));
    // Only a photo whose hidden information would go out needs the line (not one with nothing to remove).
    const unsupported = reencoding.filter((item) => !item.cleanable && hidesMetadata(item));
    for (const item of unsupported) parts.push(h("p", { class: "note" }, strings.reencodeUnsupported(item.file.name)));
    notes.replaceChildren(...parts);
    // A greyed button needs its reason beside it; with nothing to clean and nothing to say, none.
    clean.hidden = !cleanPossible && unsupported.length === 0;
  };
  describe();

  const dialog = h(
    "div",
    {
      class: "dialog",
      role: "dialog",
      tabindex: "-1",
      "aria-modal": "true",
      "aria-labelledby": "vigie-attach-title",
      "aria-describedby": "vigie-attach-intro",
    },
    title,
    intro,
    ...[...sections.values()].map(({ section }) => section),
    notes,
    error,
    h("div", { class: "buttons" }, cancel, original, clean),
  );
  layer.root.append(h("div", { class: "backdrop" }, dialog));

  let answer: ((choice: AttachChoice) => void) | null = null;
  const choose = (choice: AttachChoice) => {
    if (!answer) return;
    const resolve = answer;
    answer = null;
    resolve(choice);
  };
  clean.addEventListener("click", () => choose("clean"));
  original.addEventListener("click", () => choose("original"));
  cancel.addEventListener("click", () => choose("cancel"));

  // The choices first (Tab from the clean copy reaches the original), then "stop reading".
  const focusables = () =>
    [clean, original, cancel, ...layer.root.querySelectorAll<HTMLButtonElement>("[data-vigie-reading] button")].filter(
      (button) => !button.disabled && !button.closest("[hidden]"),
    );
  const trap = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopImmediatePropagation();
      choose("cancel");
    } else if (event.key === "Tab") {
      const buttons = focusables();
      const current = buttons.indexOf(layer.root.activeElement as HTMLButtonElement);
      event.preventDefault();
      event.stopImmediatePropagation();
      // From the card itself: the first choice, or the last one backwards.
      const next = current < 0 ? (event.shiftKey ? buttons.length - 1 : 0) : current + (event.shiftKey ? -1 : 1);
      buttons[(next + buttons.length) % buttons.length]?.focus();
    } else if (!layer.host.contains(event.target as Node) && event.target !== layer.host) {
      // Keys aimed at the page do nothing while the card asks.
      event.stopImmediatePropagation();
    }
  };
  document.addEventListener("keydown", trap, true);
  dialog.focus({ preventScroll: true });

  return {
    choice: () =>
      new Promise<AttachChoice>((resolve) => {
        answer = resolve;
      }),
    fail(message) {
      error.textContent = message;
      clean.disabled = true;
      dialog.focus({ preventScroll: true });
    },
    progress(item, fraction) {
      sections.get(item)?.show(fraction);
    },
    update(item) {
      const focusWasInside = layer.root.activeElement !== null && sections.get(item)?.section.contains(layer.root.activeElement);
      sections.get(item)?.render();
      describe();
      if (focusWasInside) dialog.focus({ preventScroll: true });
    },
    close() {
      document.removeEventListener("keydown", trap, true);
      layer.host.remove();
      previousFocus?.focus?.();
    },
  };
}
