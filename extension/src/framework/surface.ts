// A surface is one editor seen as text: read it, locate a span of it on screen, and find the
// caret. Two kinds: contenteditable editors (Draft.js, Lexical, Quill, ProseMirror) and
// textareas (measured through a mirror, since their text has no DOM ranges).

import { offsetOf, rangeOf, readEditor, type EditorText } from "./text-model";

export interface Surface {
  readonly element: HTMLElement;
  /** True when spans have DOM ranges (contenteditable), so the Highlight API can paint them. */
  readonly hasRanges: boolean;
  /** Reads the current text (and refreshes the offset map). */
  read(): string;
  /** A live DOM range for a span, where the editor has one (not for textareas). */
  range(start: number, end: number): Range | null;
  /** Viewport rectangles of a span, clipped to the editor's visible box. */
  rects(start: number, end: number): DOMRect[];
  /** The caret's offset when the selection is collapsed inside this editor, else null. */
  caret(): number | null;
  /** Focuses the editor with the span selected (on the user's request only). */
  select(start: number, end: number): void;
  dispose(): void;
}

function clip(rects: Iterable<DOMRect>, box: DOMRect): DOMRect[] {
  const out: DOMRect[] = [];
  for (const rect of rects) {
    const left = Math.max(rect.left, box.left);
    const right = Math.min(rect.right, box.right);
    const top = Math.max(rect.top, box.top);
    const bottom = Math.min(rect.bottom, box.bottom);
    if (right - left >= 1 && bottom - top >= 1) out.push(new DOMRect(left, top, right - left, bottom - top));
  }
  return out;
}

export class ContentEditableSurface implements Surface {
  readonly hasRanges = true;
  private model: EditorText = { text: "", segments: [] };

  constructor(readonly element: HTMLElement) {}

  read(): string {
    this.model = readEditor(this.element);
    return this.model.text;
  }

  range(start: number, end: number): Range | null {
    return rangeOf(this.model, start, end);
  }

  rects(start: number, end: number): DOMRect[] {
    const range = this.range(start, end);
    if (!range) return [];
    return clip(range.getClientRects(), this.element.getBoundingClientRect());
  }

  caret(): number | null {
    const selection = this.element.ownerDocument.getSelection();
    if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
    const node = selection.anchorNode;
    if (!node || !this.element.contains(node)) return null;
    const offset = offsetOf(this.model, node, selection.anchorOffset);
    return offset < 0 ? null : offset;
  }

  select(start: number, end: number): void {
    this.element.focus({ preventScroll: false });
    const range = this.range(start, end);
    const selection = this.element.ownerDocument.getSelection();
    if (!range || !selection) return;
    selection.removeAllRanges();
    selection.addRange(range);
  }

  dispose(): void {}
}

/** Properties copied from a textarea to its mirror so text wraps the same way. */
const MIRRORED = [
  "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
  "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle",
  "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant", "fontStretch", "lineHeight",
  "letterSpacing", "wordSpacing", "textTransform", "textIndent", "textAlign", "direction", "tabSize",
] as const;

export class TextareaSurface implements Surface {
  readonly hasRanges = false;
  private readonly mirror: HTMLDivElement;
  private mirroredText: string | null = null;

  constructor(readonly element: HTMLTextAreaElement, mirrorParent: ShadowRoot) {
    this.mirror = document.createElement("div");
    this.mirror.className = "mirror";
    this.mirror.setAttribute("aria-hidden", "true");
    mirrorParent.append(this.mirror);
  }

  read(): string {
    return this.element.value;
  }

  range(): Range | null {
    return null;
  }

  private syncMirror(): Text {
    const style = getComputedStyle(this.element);
    const box = this.element.getBoundingClientRect();
    for (const property of MIRRORED) this.mirror.style[property] = style[property];
    // Sized like the textarea's border box, whatever its own box-sizing; the content box is
    // then the same because padding and borders are copied.
    this.mirror.style.boxSizing = "border-box";
    this.mirror.style.borderColor = "transparent";
    this.mirror.style.left = `${box.left}px`;
    this.mirror.style.top = `${box.top}px`;
    this.mirror.style.width = `${box.width}px`;
    this.mirror.style.height = `${box.height}px`;
    const value = this.element.value;
    if (this.mirroredText !== value) {
      // A trailing newline needs a character after it to take its line.
      this.mirror.textContent = `${value}\u200b`;
      this.mirroredText = value;
    }
    this.mirror.scrollTop = this.element.scrollTop;
    this.mirror.scrollLeft = this.element.scrollLeft;
    return this.mirror.firstChild as Text;
  }

  rects(start: number, end: number): DOMRect[] {
    const text = this.syncMirror();
    const length = this.element.value.length;
    const range = document.createRange();
    range.setStart(text, Math.min(start, length));
    range.setEnd(text, Math.min(end, length));
    return clip(range.getClientRects(), this.element.getBoundingClientRect());
  }

  caret(): number | null {
    if (document.activeElement !== this.element) return null;
    const { selectionStart, selectionEnd } = this.element;
    return selectionStart === selectionEnd ? selectionStart : null;
  }

  select(start: number, end: number): void {
    this.element.focus();
    this.element.setSelectionRange(start, end);
  }

  dispose(): void {
    this.mirror.remove();
  }
}
