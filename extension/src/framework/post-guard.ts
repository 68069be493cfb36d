// Holds a post while warnings remain. Capture-phase listeners on window run before the
// site's own handlers: a click on a post control (or Enter/Space on it), or a submit shortcut
// typed in a watched editor, is stopped, the editor's findings are brought up to date, and if
// any `warning`/`critical` remains the user is asked. "Publish anyway" replays the original
// action exactly once; "back" leaves the post unsent. What the attached photos show (faces,
// codes, text) counts too, until the post goes out. While Vigie holds a photo (checking it,
// or its card is open), nothing is published: the photo is not in the post yet.

import type { EditorContext, HoldPolicy, PostControlSpec, ShortcutSpec } from "../shared/adapters";
import { holdsPost, severityRank, type Finding } from "../shared/findings";
import type { AttachedPhotos } from "./attached-photos";
import type { EditorSession } from "./editor-session";
import { askBeforePosting, holdDialogOpen, waitForPhotos } from "./hold-dialog";
import type { Strings } from "./strings";

export interface GuardOptions {
  controls: PostControlSpec[];
  shortcuts: ShortcutSpec[];
  policy: HoldPolicy;
  strings: Strings;
  sessions: () => Iterable<EditorSession>;
  photos: AttachedPhotos;
  /** Called when the user chose "back": select the finding listed first (the most severe), if any. */
  back: (session: EditorSession, finding: Finding | undefined) => void;
}

function modifierMatches(wanted: boolean | undefined, pressed: boolean): boolean {
  return wanted === undefined || wanted === pressed;
}

export function shortcutMatches(spec: ShortcutSpec, event: KeyboardEvent, context: EditorContext): boolean {
  return (
    event.key === spec.key &&
    modifierMatches(spec.ctrl_or_meta, event.ctrlKey || event.metaKey) &&
    modifierMatches(spec.shift, event.shiftKey) &&
    modifierMatches(spec.alt, event.altKey) &&
    (!spec.contexts || spec.contexts.includes(context))
  );
}

export class PostGuard {
  private readonly controlSelector: string;
  /** Set while Vigie replays an action the user confirmed: that one event goes through. */
  private replaying = false;

  constructor(private readonly options: GuardOptions) {
    this.controlSelector = options.controls.map((c) => c.selector).join(", ") || ":not(*)";
  }

  start(): void {
    window.addEventListener("click", this.onClick, true);
    window.addEventListener("keydown", this.onKeydown, true);
  }

  stop(): void {
    window.removeEventListener("click", this.onClick, true);
    window.removeEventListener("keydown", this.onKeydown, true);
  }

  private control(event: Event): HTMLElement | null {
    const target = event.composedPath()[0];
    if (!(target instanceof Element)) return null;
    try {
      return target.closest<HTMLElement>(this.controlSelector);
    } catch {
      return null;
    }
  }

  /** The editor a post control submits: the watched editor closest to it in the DOM. */
  private sessionForControl(control: Element): EditorSession | null {
    const sessions = [...this.options.sessions()];
    for (let ancestor: Element | null = control.parentElement; ancestor; ancestor = ancestor.parentElement) {
      const inside = sessions.filter((s) => ancestor.contains(s.element));
      if (inside.length === 1) return inside[0]!;
      if (inside.length > 1) {
        // Several editors share the closest container: the one typed in last.
        return inside.reduce((a, b) => (b.lastInput > a.lastInput ? b : a));
      }
    }
    return null;
  }

  private sessionForTarget(target: EventTarget | null): EditorSession | null {
    if (!(target instanceof Node)) return null;
    for (const session of this.options.sessions()) if (session.element.contains(target)) return session;
    return null;
  }

  private readonly onClick = (event: MouseEvent): void => {
    if (this.replaying || !event.isTrusted) return;
    const control = this.control(event);
    if (!control) return;
    const session = this.sessionForControl(control);
    if (this.waitForHeldPhotos(event, session) || !session) return;
    this.hold(event, session, () => control.click());
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (this.replaying || !event.isTrusted || event.isComposing || holdDialogOpen()) return;
    const target = event.composedPath()[0] ?? null;
    const control = (event.key === "Enter" || event.key === " ") && !event.repeat ? this.control(event) : null;
    if (control) {
      const session = this.sessionForControl(control);
      if (this.waitForHeldPhotos(event, session) || !session) return;
      this.hold(event, session, () => this.replayKey(event, control));
      return;
    }
    const session = this.sessionForTarget(target);
    if (!session) return;
    const shortcut = this.options.shortcuts.some((s) => shortcutMatches(s, event, session.spec.context));
    if (!shortcut || !(target instanceof Element) || this.waitForHeldPhotos(event, session)) return;
    this.hold(event, session, () => this.replayKey(event, target));
  };

  /**
   * Stops a post while Vigie holds photos (they would not be in it) and says so while they are
   * checked, then gives the focus back to `session`'s text; once their card is open, the card
   * itself says what to decide. True if stopped.
   */
  private waitForHeldPhotos(event: Event, session: EditorSession | null): boolean {
    const { photos, strings } = this.options;
    if (!photos.holding()) return false;
    event.preventDefault();
    event.stopImmediatePropagation();
    const checking = photos.checking();
    if (checking.length) {
      void waitForPhotos([...new Set(checking)], (then) => photos.whenChecked(then), session?.element ?? null, strings);
    }
    return true;
  }

  private replayKey(original: KeyboardEvent, target: Element): void {
    const init: KeyboardEventInit & { keyCode?: number; which?: number } = {
      key: original.key,
      code: original.code,
      location: original.location,
      ctrlKey: original.ctrlKey,
      metaKey: original.metaKey,
      shiftKey: original.shiftKey,
      altKey: original.altKey,
      repeat: false,
      bubbles: true,
      cancelable: true,
      composed: true,
      keyCode: original.keyCode,
      which: original.which,
    };
    target.dispatchEvent(new KeyboardEvent("keydown", init));
  }

  /**
   * Lets the event go when the editor's findings are known and none holds the post.
   * Otherwise stops it, brings the findings up to date and asks.
   */
  private hold(event: Event, session: EditorSession, replay: () => void): void {
    const photosHold = this.options.photos.all().some(holdsPost);
    if (session.upToDate() && session.holding().length === 0 && !photosHold) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    void this.decide(session, replay);
  }

  private async decide(session: EditorSession, replay: () => void): Promise<void> {
    let findings: Finding[];
    try {
      findings = await session.current();
    } catch {
      // The engine could not answer: do not block the user's post because of Vigie.
      findings = [];
    }
    const holding = findings.filter(holdsPost);
    const photos = this.options.photos.all().filter(holdsPost);
    if (holding.length > 0 || photos.length > 0) {
      const choice = await askBeforePosting(
        [...holding, ...photos],
        session.analyzedText,
        this.options.policy,
        this.options.strings,
      );
      if (choice.kind === "back") {
        const first = [...holding].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.start - b.start)[0];
        this.options.back(session, first);
        return;
      }
    }
    this.replaying = true;
    try {
      replay();
    } finally {
      this.replaying = false;
    }
    // The post went out with its photos: the next one starts without them.
    this.options.photos.clear();
  }
}
