// The card shown when the pointer rests on an underline or the caret enters one: what is
// wrong, why (the guide's section, with a link), and what to write instead; every finding on
// those words, the most severe first. It never sits over the site's Post button. It can be
// reached from the keyboard (Alt+Shift+V while the caret is in an underline; Escape goes
// back to the text) and its content is announced politely to screen readers.

import type { Finding } from "../shared/findings";
import { cardSpot, GAP } from "./card-spot";
import { h } from "./layer";
import type { Strings } from "./strings";
import { SEVERITY_COLOURS } from "./styles";

/** Each finding in its own colour; a shrunk card scrolls; one with no free place lets clicks through. */
const CARD_CSS = `
.card .item[data-vigie-severity="critical"] { --colour: ${SEVERITY_COLOURS.critical}; }
.card .item[data-vigie-severity="warning"] { --colour: ${SEVERITY_COLOURS.warning}; }
.card .item[data-vigie-severity="info"] { --colour: ${SEVERITY_COLOURS.info}; }
.card .item + .item { border-top: 1px solid #dadce0; padding-top: 8px; }
.card.passthrough { pointer-events: none; }
.card { overflow-y: auto; overscroll-behavior: contain; }
`;

export class Card {
  private readonly element: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private shown: Finding[] = [];
  private returnFocus: (() => void) | null = null;
  /** The words the card was last placed by. */
  private anchor: DOMRect | null = null;

  constructor(root: ShadowRoot, private readonly strings: Strings) {
    this.element = h("div", { class: "card", role: "note", hidden: "", "data-vigie-card": "" });
    this.live = h("div", { class: "live", "aria-live": "polite" });
    root.append(h("style", {}, CARD_CSS), this.element, this.live);
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.hide();
        this.returnFocus?.();
      }
    });
  }

  get findings(): readonly Finding[] {
    return this.shown;
  }

  contains(node: EventTarget | null): boolean {
    return node instanceof Node && this.element.contains(node);
  }

  /**
   * Whether a viewport point is over the card (it lives in a shadow root), or in the strip the
   * pointer crosses from the underline straight to it (the card may sit past a Post button).
   */
  hit(x: number, y: number): boolean {
    if (this.element.hidden) return false;
    const r = this.element.getBoundingClientRect();
    const m = GAP + 2;
    if (x >= r.left - m && x <= r.right + m && y >= r.top - m && y <= r.bottom + m) return true;
    const a = this.anchor;
    if (!a) return false;
    const inStrip = x >= Math.max(a.left, r.left) && x <= Math.min(a.right, r.right);
    return inStrip && (r.top >= a.bottom ? y >= a.bottom && y <= r.top : y >= r.bottom && y <= a.top);
  }

  /** Shows `findings` (most severe first) by `anchor`, away from the `avoid` boxes (Post buttons). */
  show(findings: Finding[], anchor: DOMRect, announce: boolean, avoid: DOMRect[]): void {
    const same = findings.length === this.shown.length && findings.every((f, i) => f === this.shown[i]);
    if (!same) {
      this.shown = findings;
      this.render(findings);
      if (announce) {
        this.live.textContent = findings.map((f) => `${this.strings.severity[f.severity]} : ${this.text(f).message}`).join(" ; ");
      }
    }
    this.element.hidden = false;
    this.place(anchor, avoid);
  }

  hide(): void {
    this.shown = [];
    this.element.hidden = true;
  }

  /** Moves keyboard focus into the card; `back` restores the editor's caret afterwards. */
  focus(back: () => void): void {
    this.returnFocus = back;
    this.element.querySelector<HTMLElement>("a, button")?.focus();
  }

  private text(finding: Finding): { message: string; suggestion?: string } {
    const english = this.strings.english;
    const message = english && finding.message_en ? finding.message_en : finding.message;
    const suggestion = english && finding.suggestion_en ? finding.suggestion_en : finding.suggestion;
    return suggestion === undefined ? { message } : { message, suggestion };
  }

  private render(findings: Finding[]): void {
    const s = this.strings;
    const [first] = findings;
    if (!first) return;
    this.element.setAttribute("data-vigie-severity", first.severity);
    this.element.setAttribute("data-vigie-category", first.category);
    this.element.setAttribute("aria-label", `Vigie : ${s.category[first.category] ?? first.category}`);
    const close = h("button", { type: "button" }, s.cardClose);
    close.addEventListener("click", () => {
      this.hide();
      this.returnFocus?.();
    });
    this.element.replaceChildren(...findings.map((f) => this.item(f)), h("div", { class: "actions" }, close));
  }

  private item(finding: Finding): HTMLElement {
    const { message, suggestion } = this.text(finding);
    const s = this.strings;
    const guide = h("p", { class: "guide" }, `${s.cardGuide} ${finding.guide}`);
    if (finding.guide_url) {
      guide.append(" ", h("a", { href: finding.guide_url, target: "_blank", rel: "noopener noreferrer" }, s.cardReadSection));
    }
    return h(
      "section",
      { class: "item", "data-vigie-severity": finding.severity, "data-vigie-category": finding.category, "data-vigie-rule": finding.rule },
      h("p", { class: "label" }, `Vigie · ${s.severity[finding.severity]} · ${s.category[finding.category] ?? finding.category}`),
      h("p", { class: "message" }, message),
      guide,
      ...(suggestion ? [h("p", { class: "suggestion" }, `${s.cardSuggestion} ${suggestion}`)] : []),
    );
  }

  /** Places the card by `anchor` (see cardSpot); shrunk, it scrolls. */
  private place(anchor: DOMRect, avoid: DOMRect[]): void {
    this.element.style.maxHeight = "";
    const card = this.element.getBoundingClientRect();
    const spot = cardSpot(anchor, card.width, card.height, avoid);
    this.element.classList.toggle("passthrough", !spot.clear);
    this.element.style.top = `${spot.top}px`;
    this.element.style.left = `${spot.left}px`;
    if (spot.maxHeight !== null) this.element.style.maxHeight = `${spot.maxHeight}px`;
    this.anchor = anchor;
  }
}
