// Tells when the user removed attached photos from a composer. Vigie cannot see the site's own
// list of attachments, only what it shows: the site adapter's `attached_media` selector (the
// composer's media previews with their remove controls). Once that has shown in the closest
// part of the page around where the photos came in, and is then gone from it right after the
// user clicked or pressed a key in them (their remove button), they were removed. When in
// doubt the photos stay: a part of the page that went away (a composer that closed), a
// selector that never matches, a short blink of the previews (a site re-rendering them) or
// previews gone without the user touching them (a slow re-render, a layout change) say nothing.

/** How long the previews must stay gone before the photos are forgotten. */
const GONE_FOR_MS = 300;
/** The previews must go within this time of the user's click or key in them. */
const TOUCHED_WITHIN_MS = 5000;
/** A busy page mutates all the time: at most one check in this time. */
const CHECK_EVERY_MS = 100;

interface Watched {
  /** Where the photos came in, and its ancestors up to the document. */
  ancestors: Element[];
  /** The closest of those that showed the previews, once they showed. */
  shownIn: Element | null;
  /** Since when the previews are gone from `shownIn`. */
  goneSince: number | null;
  /** When the user last clicked or pressed a key in the previews. */
  touchedAt: number | null;
  removed: () => void;
}

function shows(element: Element, selector: string): boolean {
  try {
    return element.matches(selector) || element.querySelector(selector) !== null;
  } catch {
    return false; // A malformed selector in the pack: never "removed".
  }
}

function inPreviews(element: Element, selector: string): boolean {
  try {
    return element.closest(selector) !== null;
  } catch {
    return false;
  }
}

export class RemovalWatch {
  private readonly watched = new Set<Watched>();
  private observer: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `selector`: the site adapter's `attached_media` in force (a pack update may change it). */
  constructor(private readonly selector: () => string | undefined) {}

  /** Calls `removed` once the photos that came in at `near` are removed; the returned function stops watching. */
  watch(near: Element | null, removed: () => void): () => void {
    if (!near || !this.selector()) return () => undefined;
    const ancestors: Element[] = [];
    for (let node: Element | null = near; node; node = node.parentElement) ancestors.push(node);
    const watched: Watched = { ancestors, shownIn: null, goneSince: null, touchedAt: null, removed };
    this.watched.add(watched);
    if (!this.observer) {
      this.observer = new MutationObserver(() => this.checkSoon(CHECK_EVERY_MS));
      this.observer.observe(document.documentElement, { childList: true, subtree: true });
      document.addEventListener("pointerdown", this.onTouch, true);
      document.addEventListener("keydown", this.onTouch, true);
    }
    this.checkSoon(0);
    return () => this.unwatch(watched);
  }

  private unwatch(watched: Watched): void {
    this.watched.delete(watched);
    if (this.watched.size) return;
    this.observer?.disconnect();
    this.observer = null;
    document.removeEventListener("pointerdown", this.onTouch, true);
    document.removeEventListener("keydown", this.onTouch, true);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A click or key in the previews: a removal may follow. */
  private readonly onTouch = (event: Event): void => {
    const selector = this.selector();
    const target = event.composedPath()[0];
    if (!selector || !(target instanceof Element)) return;
    for (const watched of this.watched) {
      if (watched.shownIn?.contains(target) && inPreviews(target, selector)) watched.touchedAt = performance.now();
    }
  };

  /** Mutations come in bursts: one check for each burst. */
  private checkSoon(delay: number): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, delay);
  }

  private check(): void {
    const selector = this.selector();
    if (!selector) return;
    const now = performance.now();
    // One look at the whole page first: most checks end there.
    const anywhere = shows(document.documentElement, selector);
    for (const watched of [...this.watched]) {
      if (!watched.shownIn) {
        if (anywhere) watched.shownIn = watched.ancestors.find((element) => element.isConnected && shows(element, selector)) ?? null;
      } else if (
        !watched.shownIn.isConnected ||
        (anywhere && shows(watched.shownIn, selector)) ||
        watched.touchedAt === null ||
        now - watched.touchedAt > TOUCHED_WITHIN_MS
      ) {
        watched.goneSince = null;
      } else if (watched.goneSince === null) {
        watched.goneSince = now;
        this.checkSoon(GONE_FOR_MS);
      } else if (now - watched.goneSince >= GONE_FOR_MS) {
        this.unwatch(watched);
        watched.removed();
      } else {
        this.checkSoon(GONE_FOR_MS - (now - watched.goneSince));
      }
    }
  }
}
