// Ties the framework together for one page: the layer, the editor watch, one session per
// editor, the card (hover and caret), repositioning on scroll/resize/reflow, and the post
// guard. It knows nothing of the extension APIs: the analyzer, the words and the photos
// attached on the page come in.

import type { EditorSpec, HoldPolicy, PostControlSpec, ShortcutSpec } from "../shared/adapters";
import type { Finding, Severity } from "../shared/findings";
import type { AttachedPhotos } from "./attached-photos";
import { Card } from "./card";
import { EditorSession, type Analyze } from "./editor-session";
import { EditorWatch } from "./editor-watch";
import { createLayer, type Layer } from "./layer";
import { PostGuard } from "./post-guard";
import type { Strings } from "./strings";
import { LAYER_CSS } from "./styles";
import { findingsOn } from "./shown-findings";
import { ContentEditableSurface, TextareaSurface, type Surface } from "./surface";

export interface ControllerOptions {
  editors: EditorSpec[];
  genericEditors: EditorSpec[];
  controls: PostControlSpec[];
  shortcuts: ShortcutSpec[];
  policy: HoldPolicy;
  strings: Strings;
  analyze: Analyze;
  /** Photos attached on this page since the last post: they count before Post. */
  photos: AttachedPhotos;
  /** Called when the user focuses a watched editor, so the analyzer can get ready. */
  warm?: () => void;
}

export interface PageState {
  editors: number;
  findings: Record<Severity, number>;
}

/** Same position and size. */
function sameBox(a: DOMRect, b: DOMRect): boolean {
  return a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
}

export class Controller {
  private readonly layer: Layer;
  private readonly card: Card;
  private readonly sessions = new Map<HTMLElement, EditorSession>();
  private readonly watch: EditorWatch;
  private readonly guard: PostGuard;
  private readonly resize: ResizeObserver;
  private cardBy: "hover" | "caret" | "keyboard" | null = null;
  private frame = 0;
  private pointer: { x: number; y: number } | null = null;
  private readonly controlSelector: string;
  /** The underline (and its line) the hover card was last shown for. */
  private hovered: { finding: Finding; rect: DOMRect } | null = null;

  constructor(private readonly options: ControllerOptions) {
    this.layer = createLayer("layer", LAYER_CSS, false);
    this.card = new Card(this.layer.root, options.strings);
    this.controlSelector = options.controls.map((c) => c.selector).join(", ");
    this.resize = new ResizeObserver(() => this.requestReposition());
    this.watch = new EditorWatch(options.editors, options.genericEditors, {
      attach: (element, spec) => this.attach(element, spec),
      pruned: () => this.prune(),
      isWatched: (element) => this.sessions.has(element as HTMLElement),
      changed: () => {
        if (this.sessions.size > 0) this.requestReposition();
      },
    });
    this.guard = new PostGuard({
      controls: options.controls,
      shortcuts: options.shortcuts,
      policy: options.policy,
      strings: options.strings,
      sessions: () => this.sessions.values(),
      photos: options.photos,
      back: (session, finding) => {
        this.card.hide();
        if (finding) session.surface.select(finding.start, finding.end);
        else session.element.focus();
      },
    });
  }

  start(): void {
    this.watch.start();
    this.guard.start();
    addEventListener("scroll", this.requestReposition, { capture: true, passive: true });
    addEventListener("resize", this.requestReposition, { passive: true });
    document.addEventListener("mousemove", this.onPointer, { passive: true });
    document.addEventListener("pointerdown", this.onPointerDown, true);
    document.addEventListener("selectionchange", this.onSelection);
    document.addEventListener("keydown", this.onKeydown, true);
    document.addEventListener("focusin", this.onFocus, true);
  }

  /** The analysis context changed (photos attached or posted): every editor is analysed again. */
  contextChanged(): void {
    for (const session of this.sessions.values()) session.contextChanged();
  }

  stop(): void {
    this.watch.stop();
    this.guard.stop();
    removeEventListener("scroll", this.requestReposition, { capture: true });
    removeEventListener("resize", this.requestReposition);
    document.removeEventListener("mousemove", this.onPointer);
    document.removeEventListener("pointerdown", this.onPointerDown, true);
    document.removeEventListener("selectionchange", this.onSelection);
    document.removeEventListener("keydown", this.onKeydown, true);
    document.removeEventListener("focusin", this.onFocus, true);
    this.resize.disconnect();
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    this.layer.host.remove();
  }

  state(): PageState {
    const findings: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
    for (const session of this.sessions.values()) {
      if (!session.onScreen) continue;
      for (const f of session.findings) findings[f.severity] += 1;
    }
    return { editors: this.sessions.size, findings };
  }

  private attach(element: HTMLElement, spec: EditorSpec): void {
    if (this.sessions.has(element)) return;
    const surface: Surface =
      element instanceof HTMLTextAreaElement
        ? new TextareaSurface(element, this.layer.root)
        : new ContentEditableSurface(element);
    const session = new EditorSession(surface, spec, this.layer.root, this.options.analyze, () => this.painted(session));
    this.sessions.set(element, session);
    this.resize.observe(element);
  }

  private prune(): void {
    for (const [element, session] of this.sessions) {
      if (!element.isConnected) {
        session.dispose();
        this.sessions.delete(element);
        this.resize.unobserve(element);
      }
    }
  }

  private painted(session: EditorSession): void {
    const shown = this.card.findings;
    if (shown.some((f) => !session.findings.includes(f)) && this.cardBy !== "keyboard") {
      this.card.hide();
      if (this.cardBy === "hover") this.cardBy = null;
    }
    this.onSelection();
  }

  /** Focus on a watched editor: the engine may have been unloaded while idle; wake it now. */
  private readonly onFocus = (event: FocusEvent): void => {
    const target = event.composedPath()[0];
    if (!(target instanceof Node)) return;
    for (const element of this.sessions.keys()) {
      if (element.contains(target)) {
        this.options.warm?.();
        return;
      }
    }
  };

  private readonly requestReposition = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const session of this.sessions.values()) session.reposition();
      if (this.cardBy === "hover" && this.pointer) this.hover(this.pointer.x, this.pointer.y);
    });
  };

  private readonly onPointer = (event: MouseEvent): void => {
    this.pointer = { x: event.clientX, y: event.clientY };
    this.hover(event.clientX, event.clientY);
  };

  /** The site's post controls on screen: the card keeps clear of them. */
  private postControls(): DOMRect[] {
    if (!this.controlSelector) return [];
    let controls: HTMLElement[];
    try {
      controls = [...document.querySelectorAll<HTMLElement>(this.controlSelector)];
    } catch {
      return [];
    }
    return controls.map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  }

  /** A press anywhere but on the card closes a card the pointer or the caret opened. */
  private readonly onPointerDown = (event: PointerEvent): void => {
    if (this.cardBy === "keyboard" || this.card.contains(event.composedPath()[0] ?? null)) return;
    this.card.hide();
    this.cardBy = null;
  };

  private hover(x: number, y: number): void {
    if (this.cardBy === "keyboard") return;
    for (const session of this.sessions.values()) {
      const mark = session.marks.hit(x, y);
      if (mark && mark.rects[0]) {
        const rect = mark.rects.find((r) => y >= r.top - 2 && y <= r.bottom + 2) ?? mark.rects[0];
        // The pointer moving along the line of underline it already shows changes nothing: no
        // new look at the page's Post buttons (a layout read) on every mouse move.
        const last = this.hovered;
        const same = last !== null && last.finding === mark.finding && sameBox(last.rect, rect);
        if (same && this.cardBy === "hover" && this.card.findings.length > 0) return;
        this.card.show(findingsOn(session.findings, mark.finding.start, mark.finding.end), rect, false, this.postControls());
        this.cardBy = "hover";
        this.hovered = { finding: mark.finding, rect };
        return;
      }
    }
    if (this.cardBy === "hover" && !this.card.hit(x, y)) {
      this.card.hide();
      this.cardBy = null;
    }
  }

  /** The caret entered (or left) an underline: show (or hide) its card. */
  private readonly onSelection = (): void => {
    if (this.cardBy === "keyboard" || this.cardBy === "hover") return;
    const caretFinding = this.caretFinding();
    if (caretFinding) {
      const rect = caretFinding.session.placedFor(caretFinding.findings[0]!)?.rects[0];
      if (rect) {
        this.card.show(caretFinding.findings, rect, true, this.postControls());
        this.cardBy = "caret";
        return;
      }
    }
    if (this.cardBy === "caret") {
      this.card.hide();
      this.cardBy = null;
    }
  };

  /** The findings under the caret in the focused editor, most severe first. */
  private caretFinding(): { session: EditorSession; findings: Finding[] } | null {
    const active = document.activeElement;
    for (const session of this.sessions.values()) {
      if (!active || !(session.element === active || session.element.contains(active))) continue;
      const caret = session.surface.caret();
      const findings = caret === null ? [] : session.findingsAt(caret);
      return findings.length > 0 ? { session, findings } : null;
    }
    return null;
  }

  /** Alt+Shift+V in an underline moves focus into its card; Escape there comes back. */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (!(event.altKey && event.shiftKey && (event.key === "V" || event.key === "v" || event.code === "KeyV"))) return;
    const caretFinding = this.caretFinding();
    if (!caretFinding) return;
    const rect = caretFinding.session.placedFor(caretFinding.findings[0]!)?.rects[0];
    if (!rect) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const { session, findings } = caretFinding;
    const selection = session.surface;
    const caret = selection.caret();
    this.card.show(findings, rect, false, this.postControls());
    this.cardBy = "keyboard";
    this.card.focus(() => {
      this.cardBy = null;
      this.card.hide();
      if (caret !== null) selection.select(caret, caret);
    });
  };
}
