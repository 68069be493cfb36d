// The card shown when the pointer rests on an underline or the caret enters one: what is
// wrong, why (the guide's section, with a link), and what to write instead. It can be
// reached from the keyboard (Alt+Shift+V while the caret is in an underline; Escape goes
// back to the text) and its content is announced politely to screen readers.

import type { Finding } from "../shared/findings";
import { h } from "./layer";
import type { Strings } from "./strings";

export class Card {
  private readonly element: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private shown: Finding | null = null;
  private returnFocus: (() => void) | null = null;

  constructor(root: ShadowRoot, private readonly strings: Strings) {
    this.element = h("div", { class: "card", role: "note", hidden: "", "data-vigie-card": "" });
    this.live = h("div", { class: "live", "aria-live": "polite" });
    root.append(this.element, this.live);
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.hide();
        this.returnFocus?.();
      }
    });
  }

  get finding(): Finding | null {
    return this.shown;
  }

  contains(node: EventTarget | null): boolean {
    return node instanceof Node && this.element.contains(node);
  }

  /** Whether a viewport point is over the card (it lives in a shadow root). */
  hit(x: number, y: number): boolean {
    if (this.element.hidden) return false;
    const r = this.element.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }

  show(finding: Finding, anchor: DOMRect, announce: boolean): void {
    if (this.shown !== finding) {
      this.shown = finding;
      this.render(finding);
      if (announce) this.live.textContent = `${this.strings.severity[finding.severity]} : ${this.text(finding).message}`;
    }
    this.element.hidden = false;
    this.place(anchor);
  }

  hide(): void {
    this.shown = null;
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

  private render(finding: Finding): void {
    const { message, suggestion } = this.text(finding);
    const s = this.strings;
    this.element.setAttribute("data-vigie-severity", finding.severity);
    this.element.setAttribute("data-vigie-category", finding.category);
    this.element.setAttribute("aria-label", `Vigie : ${s.category[finding.category] ?? finding.category}`);
    const guide = h("p", { class: "guide" }, `${s.cardGuide} ${finding.guide}`);
    if (finding.guide_url) {
      guide.append(" ", h("a", { href: finding.guide_url, target: "_blank", rel: "noopener noreferrer" }, s.cardReadSection));
    }
    const close = h("button", { type: "button" }, s.cardClose);
    close.addEventListener("click", () => {
      this.hide();
      this.returnFocus?.();
    });
    this.element.replaceChildren(
      h("p", { class: "label" }, `Vigie · ${s.severity[finding.severity]} · ${s.category[finding.category] ?? finding.category}`),
      h("p", { class: "message" }, message),
      guide,
      ...(suggestion ? [h("p", { class: "suggestion" }, `${s.cardSuggestion} ${suggestion}`)] : []),
      h("div", { class: "actions" }, close),
    );
  }

  private place(anchor: DOMRect): void {
    const card = this.element.getBoundingClientRect();
    const below = anchor.bottom + 6;
    const top = below + card.height > innerHeight && anchor.top - card.height - 6 > 0 ? anchor.top - card.height - 6 : below;
    const left = Math.max(8, Math.min(anchor.left, innerWidth - card.width - 8));
    this.element.style.top = `${top}px`;
    this.element.style.left = `${left}px`;
  }
}
