// The attach card: what a photo's file says that the picture does not show, and three
// choices (a clean copy, the original anyway, cancel). A modal dialog in Vigie's own shadow
// root, keyboard first: focus starts on the clean copy, Tab cycles, Escape cancels.
// Findings with regions (faces) are outlined on the thumbnail, and the card then says that
// the clean copy only removes what the file hides, not what the picture shows.

import type { ImageFinding } from "../shared/messages";
import { severityRank } from "../shared/findings";
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
  /** Whether this browser can decode it (only asked for `reencode` items). */
  decodable: boolean;
}

export interface AttachCard {
  /** The user's next choice (called again after `fail`). */
  choice(): Promise<AttachChoice>;
  /** Says why the last choice could not be carried out; the user chooses again. */
  fail(message: string): void;
  close(): void;
}

/** The parts of the picture a finding is about: one (`region`) or several (`regions`, faces). */
function regionsOf(finding: ImageFinding): { x: number; y: number; w: number; h: number }[] {
  return [...(finding.region ? [finding.region] : []), ...(finding.regions ?? [])];
}

/** Something seen in the picture (a face): a metadata-free copy still shows it. */
const inPicture = (item: AttachItem) => item.findings.some((finding) => finding.regions?.length);

function thumbnail(item: AttachItem): HTMLElement {
  const url = URL.createObjectURL(item.file);
  const image = h("img", { alt: "", src: url });
  const frame = h("div", { class: "thumb" }, image);
  image.addEventListener("load", () => {
    URL.revokeObjectURL(url);
    const { naturalWidth: width, naturalHeight: height } = image;
    if (!width || !height) return;
    for (const finding of item.findings) {
      for (const region of regionsOf(finding)) {
        const box = h("span", { class: "region", "data-vigie-severity": finding.severity, "data-vigie-rule": finding.rule });
        box.style.cssText = `left:${(100 * region.x) / width}%;top:${(100 * region.y) / height}%;` +
          `width:${(100 * region.w) / width}%;height:${(100 * region.h) / height}%`;
        frame.append(box);
      }
    }
  }, { once: true });
  // A page CSP may refuse blob: images, or the browser may not decode the format.
  image.addEventListener("error", () => {
    URL.revokeObjectURL(url);
    frame.remove();
  }, { once: true });
  return frame;
}

export function openAttachCard(items: AttachItem[], words: Strings, strings: AttachStrings): AttachCard {
  const layer = createLayer("attach", DIALOG_CSS + ATTACH_CSS, true);
  const previousFocus = document.activeElement as HTMLElement | null;

  const sections = items.map((item) => {
    const list = h("ul", {});
    const sorted = [...item.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
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
    return h("section", { "data-vigie-file": item.file.name }, h("h3", {}, strings.fileHeading(item.file.name)), thumbnail(item), list);
  });

  const reencoding = items.filter((item) => item.reencode);
  const cleanPossible = reencoding.every((item) => item.decodable);
  const picture = items.some(inPicture);
  const notes: HTMLElement[] = [];
  if (picture) notes.push(h("p", { class: "note" }, strings.cleanKeepsPicture));
  if (reencoding.length) notes.push(h("p", { class: "note" }, cleanPossible ? strings.reencodeNotice : strings.reencodeUnsupported));
  const error = h("p", { class: "error", role: "alert" });

  const cleanLabel = reencoding.length === items.length ? strings.attachReencoded : strings.attachClean;
  const clean = h("button", { type: "button", class: "primary", "data-vigie-choice": "clean" }, cleanLabel);
  clean.disabled = !cleanPossible;
  const original = h("button", { type: "button", "data-vigie-choice": "original" }, strings.attachOriginal);
  const cancel = h("button", { type: "button", "data-vigie-choice": "cancel" }, strings.cancel);

  const dialog = h(
    "div",
    { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "vigie-attach-title", "aria-describedby": "vigie-attach-intro" },
    h("h2", { id: "vigie-attach-title" }, picture ? strings.titlePicture : strings.title),
    h("p", { id: "vigie-attach-intro" }, picture ? strings.introPicture : strings.intro),
    ...sections,
    ...notes,
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

  const focusables = () => [clean, original, cancel].filter((button) => !button.disabled);
  const trap = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopImmediatePropagation();
      choose("cancel");
    } else if (event.key === "Tab") {
      const items = focusables();
      const current = items.indexOf(layer.root.activeElement as HTMLButtonElement);
      event.preventDefault();
      event.stopImmediatePropagation();
      items[(current + (event.shiftKey ? -1 : 1) + items.length) % items.length]?.focus();
    } else if (!layer.host.contains(event.target as Node) && event.target !== layer.host) {
      // Keys aimed at the page do nothing while the card asks.
      event.stopImmediatePropagation();
    }
  };
  document.addEventListener("keydown", trap, true);
  (focusables()[0] ?? cancel).focus();

  return {
    choice: () =>
      new Promise<AttachChoice>((resolve) => {
        answer = resolve;
      }),
    fail(message) {
      error.textContent = message;
      clean.disabled = true;
      original.focus();
    },
    close() {
      document.removeEventListener("keydown", trap, true);
      layer.host.remove();
      previousFocus?.focus?.();
    },
  };
}

/** A non-blocking notice (file too large to analyse): it passes, the user is told. */
export function showAttachNotice(text: string, strings: AttachStrings): void {
  const layer = createLayer("attach-notice", ATTACH_CSS, false);
  const close = h("button", { type: "button" }, strings.close);
  close.addEventListener("click", () => layer.host.remove());
  layer.root.append(h("div", { class: "notice", role: "status" }, h("strong", {}, "Vigie · "), text, " ", close));
}
