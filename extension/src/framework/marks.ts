// The overlay marks: one positioned box per line of each finding, in Vigie's shadow root.
// They carry `data-vigie-category` and `data-vigie-severity` (the observable UI contract),
// draw the underline themselves where the Highlight API cannot, and never take clicks.

import type { Finding } from "../shared/findings";
import { h } from "./layer";

export interface PlacedMark {
  finding: Finding;
  rects: DOMRect[];
}

export class MarkSet {
  private readonly container: HTMLDivElement;
  private placed: PlacedMark[] = [];

  constructor(root: ShadowRoot, readonly editorId: string) {
    this.container = h("div", { class: "marks", "data-vigie-editor": editorId });
    root.append(this.container);
  }

  /** Draws the marks; `drawn` makes them visible (no Highlight API, or a textarea). */
  render(placed: PlacedMark[], drawn: boolean): void {
    this.placed = placed;
    const boxes: HTMLElement[] = [];
    placed.forEach((mark, index) => {
      for (const rect of mark.rects) {
        const box = h("span", {
          class: drawn ? "mark drawn" : "mark",
          "data-vigie-mark": String(index),
          "data-vigie-rule": mark.finding.rule,
          "data-vigie-category": mark.finding.category,
          "data-vigie-severity": mark.finding.severity,
          "data-vigie-start": String(mark.finding.start),
          "data-vigie-end": String(mark.finding.end),
        });
        box.style.left = `${rect.left}px`;
        box.style.top = `${rect.top}px`;
        box.style.width = `${rect.width}px`;
        box.style.height = `${rect.height}px`;
        boxes.push(box);
      }
    });
    this.container.replaceChildren(...boxes);
  }

  /**
   * Exposes the session's progress on the container, for tests and tools that observe the UI:
   * `data-vigie-analyzed` (length of the text last analysed), `data-vigie-findings`,
   * `data-vigie-composing`.
   */
  state(analyzedLength: number, findings: number, composing: boolean): void {
    this.container.setAttribute("data-vigie-analyzed", String(analyzedLength));
    this.container.setAttribute("data-vigie-findings", String(findings));
    this.container.setAttribute("data-vigie-composing", String(composing));
  }

  /** The finding under a viewport point, if any. */
  hit(x: number, y: number): PlacedMark | null {
    for (const mark of this.placed) {
      for (const r of mark.rects) {
        if (x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 2) return mark;
      }
    }
    return null;
  }

  dispose(): void {
    this.container.remove();
  }
}
