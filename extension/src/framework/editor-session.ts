// One watched editor: reads its text after the user pauses typing (never during an IME
// composition, only while on screen), asks the analyzer, and paints the findings outside the
// editor. It only listens to the editor; it never writes into it.

import type { EditorSpec } from "../shared/adapters";
import { holdsPost, type Finding, type Severity } from "../shared/findings";
import { highlightApiAvailable, setHighlights } from "./highlights";
import { MarkSet, type PlacedMark } from "./marks";
import { findingsOn, shownFindings } from "./shown-findings";
import type { Surface } from "./surface";

/** Input pause before analysing, in ms: short, so the underline follows typing closely. */
export const DEBOUNCE_MS = 40;
/** Longest text sent to the engine; the engine itself caps at the pack's max_text_chars. */
export const MAX_SENT_CHARS = 200_000;

export type Analyze = (text: string) => Promise<Finding[]>;

let nextId = 1;

export class EditorSession {
  readonly id = `e${nextId++}`;
  readonly marks: MarkSet;
  /** Findings shown for `analyzedText` (each thing to fix once: see shown-findings.ts). */
  findings: Finding[] = [];
  analyzedText = "";
  private placed: PlacedMark[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private composing = false;
  private visible = true;
  private dirty = true;
  private running: Promise<Finding[]> | null = null;
  private generation = 0;
  private readonly observer: MutationObserver;
  private readonly intersection: IntersectionObserver;
  private readonly listeners: [string, EventListener][] = [];
  lastInput = 0;

  constructor(
    readonly surface: Surface,
    readonly spec: EditorSpec,
    layerRoot: ShadowRoot,
    private readonly analyze: Analyze,
    private readonly onPainted: (session: EditorSession) => void,
  ) {
    this.marks = new MarkSet(layerRoot, this.id);
    const element = surface.element;
    this.listen("input", () => this.changed());
    this.listen("compositionstart", () => {
      this.composing = true;
      this.cancelTimer();
      this.publishState();
    });
    this.listen("compositionend", () => {
      this.composing = false;
      this.publishState();
      this.changed();
    });
    // Changes that come without an input event (the site's own re-renders, drafts restored).
    this.observer = new MutationObserver(() => {
      if (!this.composing) this.changed(false);
    });
    this.observer.observe(element, { childList: true, subtree: true, characterData: true });
    this.intersection = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      this.visible = entry.isIntersecting;
      if (this.visible && this.dirty) this.schedule();
      if (!this.visible) this.clearPaint();
      else this.reposition();
    });
    this.intersection.observe(element);
    this.schedule();
  }

  /** Whether the editor is on screen (only those are analysed and counted). */
  get onScreen(): boolean {
    return this.visible;
  }

  get element(): HTMLElement {
    return this.surface.element;
  }

  private listen(type: string, listener: EventListener): void {
    this.surface.element.addEventListener(type, listener);
    this.listeners.push([type, listener]);
  }

  private changed(fromInput = true): void {
    if (fromInput) this.lastInput = performance.now();
    this.dirty = true;
    this.schedule();
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.cancelTimer();
    if (this.composing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.visible) void this.run().catch(() => undefined);
    }, DEBOUNCE_MS);
  }

  /** Analyses the current text now; resolves with its findings. */
  private run(): Promise<Finding[]> {
    this.dirty = false;
    const generation = ++this.generation;
    const text = this.surface.read().slice(0, MAX_SENT_CHARS);
    const running = this.analyze(text).then((all) => {
      const findings = shownFindings(all, text);
      if (generation === this.generation) {
        this.analyzedText = text;
        this.findings = findings;
        this.paint();
        this.running = null;
      }
      return findings;
    });
    this.running = running;
    running.catch(() => {
      if (generation === this.generation) this.running = null;
    });
    return running;
  }

  /** Something the analysis depends on besides the text changed (attached photos): analyse again. */
  contextChanged(): void {
    this.changed(false);
  }

  /** True when the findings shown are those of the text in the editor now. */
  upToDate(): boolean {
    return !this.dirty && !this.running && !this.composing && this.timer === null && this.surface.read() === this.analyzedText;
  }

  /** The findings of the text in the editor now, analysing it first if needed. */
  async current(): Promise<Finding[]> {
    if (this.upToDate()) return this.findings;
    this.cancelTimer();
    return this.run();
  }

  holding(): Finding[] {
    return this.findings.filter(holdsPost);
  }

  /** Recomputes the marks' positions (scroll, resize, reflow) without re-analysing. */
  reposition(): void {
    if (!this.visible || this.findings.length === 0) {
      this.marks.render([], false);
      return;
    }
    this.placed = this.findings.map((finding) => ({
      finding,
      rects: this.surface.rects(finding.start, finding.end),
    }));
    const drawn = !highlightApiAvailable() || !this.surface.hasRanges;
    this.marks.render(this.placed, drawn);
  }

  private publishState(): void {
    this.marks.state(this.analyzedText.length, this.findings.length, this.composing);
  }

  private paint(): void {
    this.publishState();
    const ranges: Record<Severity, Range[]> = { critical: [], warning: [], info: [] };
    for (const finding of this.findings) {
      const range = this.surface.range(finding.start, finding.end);
      if (range) ranges[finding.severity].push(range);
    }
    setHighlights(this, ranges);
    this.reposition();
    this.onPainted(this);
  }

  private clearPaint(): void {
    setHighlights(this, null);
    this.marks.render([], false);
  }

  /** The findings on a caret offset (underlines the caret is in or touches), most severe first. */
  findingsAt(offset: number): Finding[] {
    if (!this.upToDate()) return [];
    return findingsOn(this.findings, offset, offset);
  }

  placedFor(finding: Finding): PlacedMark | null {
    return this.placed.find((p) => p.finding === finding) ?? null;
  }

  dispose(): void {
    this.cancelTimer();
    this.generation += 1;
    this.observer.disconnect();
    this.intersection.disconnect();
    for (const [type, listener] of this.listeners) this.surface.element.removeEventListener(type, listener);
    setHighlights(this, null);
    this.marks.dispose();
    this.surface.dispose();
  }
}
