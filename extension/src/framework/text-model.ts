// Reads a contenteditable editor's text the way the engine should see it: text nodes in
// document order, one line per block (paragraph, Draft.js/Lexical block, list item), `<br>`
// as a line break. Keeps where each text node starts so UTF-16 offsets map back to DOM
// Ranges. Reads only; never changes the editor.

const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE",
  "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL",
  "P", "PRE", "SECTION", "TABLE", "TBODY", "TD", "TH", "THEAD", "TR", "UL",
]);

const SKIPPED_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

interface Segment {
  node: Text;
  start: number;
}

export interface EditorText {
  text: string;
  /** Text nodes with their start offset in `text`, in order. */
  segments: Segment[];
}

function isBlock(node: Node): node is Element {
  return node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((node as Element).tagName);
}

/** A `<br>` that ends its block adds no line (browsers keep one in empty paragraphs). */
function isTrailingBreak(br: Element, block: Element): boolean {
  let node: Node | null = br;
  while (node && node !== block) {
    for (let next = node.nextSibling; next; next = next.nextSibling) {
      if (next.nodeType === Node.TEXT_NODE ? (next as Text).data.length > 0 : next.nodeType === Node.ELEMENT_NODE) {
        return false;
      }
    }
    node = node.parentNode;
  }
  return true;
}

class Reader {
  text = "";
  segments: Segment[] = [];
  private lines = 0;
  private lineOpen = false;

  private openLine(): void {
    if (this.lineOpen) return;
    if (this.lines > 0) this.text += "\n";
    this.lines += 1;
    this.lineOpen = true;
  }

  private closeLine(): void {
    this.lineOpen = false;
  }

  private inline(parent: Element, block: Element): void {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const node = child as Text;
        if (node.data.length === 0) continue;
        this.openLine();
        this.segments.push({ node, start: this.text.length });
        this.text += node.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const element = child as Element;
        if (SKIPPED_TAGS.has(element.tagName) || element.hasAttribute("data-vigie")) continue;
        if (element.tagName === "BR") {
          if (isTrailingBreak(element, block)) continue;
          this.openLine();
          this.text += "\n";
        } else if (isBlock(element)) {
          this.block(element);
        } else {
          this.inline(element, block);
        }
      }
    }
  }

  block(element: Element): void {
    this.closeLine();
    const linesBefore = this.lines;
    this.inline(element, element);
    // An empty block is an empty line; a block made only of blocks adds none of its own.
    if (this.lines === linesBefore) this.openLine();
    this.closeLine();
  }

  root(element: Element): void {
    this.inline(element, element);
  }
}

export function readEditor(root: Element): EditorText {
  const reader = new Reader();
  reader.root(root);
  return { text: reader.text, segments: reader.segments };
}

/**
 * The DOM position of a UTF-16 offset. `bias` says which side wins when the offset falls on
 * a synthetic line break or between two text nodes: "forward" for a range's start,
 * "backward" for its end.
 */
function positionOf(model: EditorText, offset: number, bias: "forward" | "backward"): [Text, number] | null {
  const { segments } = model;
  if (segments.length === 0) return null;
  let low = 0;
  let high = segments.length - 1;
  // Last segment starting at or before offset.
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  const segment = segments[low]!;
  const end = segment.start + segment.node.data.length;
  if (offset < segment.start) return [segment.node, 0];
  if (offset < end) return [segment.node, offset - segment.start];
  if (offset === end && bias === "backward") return [segment.node, segment.node.data.length];
  const next = segments[low + 1];
  if (bias === "forward" && next) return [next.node, 0];
  return [segment.node, segment.node.data.length];
}

/** A DOM Range for [start, end) of the text read by `readEditor`, or null if it cannot map. */
export function rangeOf(model: EditorText, start: number, end: number): Range | null {
  const from = positionOf(model, start, "forward");
  const to = positionOf(model, end, "backward");
  if (!from || !to) return null;
  const range = document.createRange();
  try {
    range.setStart(from[0], from[1]);
    range.setEnd(to[0], to[1]);
  } catch {
    return null;
  }
  return range.collapsed && end > start ? null : range;
}

/** The text offset of a DOM point inside the editor (for the caret), or -1. */
export function offsetOf(model: EditorText, node: Node, offset: number): number {
  for (const segment of model.segments) {
    if (segment.node === node) return segment.start + offset;
  }
  if (node.nodeType === Node.ELEMENT_NODE) {
    const child = node.childNodes[offset] ?? null;
    // First segment at or after the child.
    for (const segment of model.segments) {
      if (child && (child === segment.node || child.contains(segment.node))) return segment.start;
    }
  }
  return -1;
}
