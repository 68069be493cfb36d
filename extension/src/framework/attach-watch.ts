// Holds photos entering the page (file input, paste, drop) before the site sees them, has
// them reviewed (attach-review.ts), then gives the site the chosen files through the same
// path: `input.files` and `input`/`change` events, or a synthetic `paste`/`drop` event
// carrying a DataTransfer. Capture-phase listeners on `window` run before the site's own.
// A file is never swallowed for good: any failure releases the original files.
// A new pick in a file input whose earlier pick is still under review is held and reviewed
// after it (like paste and drop): each decision gives the site its own files.

import type { AttachReview } from "./attach-review";
import { transferEvent, transferOf } from "./attach-transfer";

const PHOTO_TYPES = /^image\/(jpeg|pjpeg|png|webp|heic|heif|avif|gif)$/i;
const PHOTO_NAMES = /\.(jpe?g|png|webp|heic|heif|avif|gif)$/i;

export function isPhoto(file: File): boolean {
  return PHOTO_TYPES.test(file.type) || PHOTO_NAMES.test(file.name);
}

/** The non-file data of a paste or drop (text, HTML...), read while the event is live. */
function stringData(transfer: DataTransfer): [string, string][] {
  return transfer.types.filter((type) => type !== "Files").map((type) => [type, transfer.getData(type)]);
}

const sameFiles = (a: readonly File[], b: readonly File[]) => a.length === b.length && a.every((file, i) => file === b[i]);

/** A file input's picks under review: how many, and the latest (its `change` follows its `input`). */
interface HeldPicks {
  pending: number;
  latest: File[];
}

export class AttachWatcher {
  /** True while Vigie dispatches the chosen files (dispatch is synchronous): those events go
   * through untouched. A flag, not a set of events: in Firefox the page-made event reaches
   * the listener as another wrapper. */
  private replaying = false;
  /** File inputs with picks under review. */
  private readonly holding = new WeakMap<HTMLInputElement, HeldPicks>();
  private active = false;

  constructor(private readonly review: AttachReview) {}

  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    const listeners: [string, (event: never) => void][] = [
      ["input", this.onInputOrChange],
      ["change", this.onInputOrChange],
      ["paste", this.onPaste],
      ["drop", this.onDrop],
    ];
    for (const [type, listener] of listeners) {
      if (active) window.addEventListener(type, listener as EventListener, true);
      else window.removeEventListener(type, listener as EventListener, true);
    }
  }

  /** Stops the event if it brings photos to review; photos over the size cap pass, with a notice. */
  private hold(event: Event, files: File[]): boolean {
    if (this.replaying) return false;
    const photos = files.filter(isPhoto);
    const tooLarge = photos.filter((file) => !this.review.canAnalyse(file));
    if (tooLarge.length) this.review.notifyTooLarge(tooLarge);
    if (photos.length === tooLarge.length) return false;
    event.preventDefault();
    event.stopImmediatePropagation();
    return true;
  }

  private dispatch(target: EventTarget, event: Event): void {
    this.replaying = true;
    try {
      target.dispatchEvent(event);
    } finally {
      this.replaying = false;
    }
  }

  private readonly onInputOrChange = (event: Event): void => {
    const input = event.composedPath()[0];
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || this.replaying) return;
    const files = [...(input.files ?? [])];
    const held = this.holding.get(input);
    if (held && sameFiles(held.latest, files)) {
      // The other event of a pick already held.
      event.stopImmediatePropagation();
      return;
    }
    if (!this.hold(event, files)) return;
    const picks = held ?? { pending: 0, latest: files };
    picks.pending++;
    picks.latest = files;
    this.holding.set(input, picks);
    const done = () => {
      if (--picks.pending === 0) this.holding.delete(input);
    };
    // The input may hold a later pick by now: it gets this decision's files for the events.
    const release = (chosen: File[]) => {
      if (!sameFiles([...(input.files ?? [])], chosen)) input.files = transferOf(chosen).files;
      this.dispatch(input, new Event("input", { bubbles: true, composed: true }));
      this.dispatch(input, new Event("change", { bubbles: true }));
    };
    void this.review
      .decide(files, input)
      .then((outcome) => {
        done();
        if (outcome.kind === "cancel") {
          // A later pick still under review sets the input's files itself.
          if (!this.holding.has(input)) input.value = "";
          return;
        }
        release(outcome.files);
      })
      .catch((error: unknown) => {
        console.warn("Vigie: could not hand the chosen photos to the site, the originals go:", error);
        release(files);
      });
  };

  private readonly onPaste = (event: ClipboardEvent): void => {
    this.holdTransfer(event, event.clipboardData, (chosen) => transferEvent("paste", chosen));
  };

  private readonly onDrop = (event: DragEvent): void => {
    const { clientX, clientY, screenX, screenY } = event;
    this.holdTransfer(event, event.dataTransfer, (chosen) => transferEvent("drop", chosen, { clientX, clientY, screenX, screenY }));
  };

  /** Paste and drop: the site then gets `replay` of a DataTransfer with the chosen files. */
  private holdTransfer(event: Event, transfer: DataTransfer | null, replay: (chosen: DataTransfer) => Event): void {
    const target = event.composedPath()[0];
    const files = [...(transfer?.files ?? [])];
    if (!transfer || !target || !this.hold(event, files)) return;
    const strings = stringData(transfer);
    const release = (chosen: File[]) => this.dispatch(target, replay(transferOf(chosen, strings)));
    void this.review
      .decide(files, target instanceof Element ? target : null)
      .then((outcome) => {
        if (outcome.kind !== "cancel") release(outcome.files);
      })
      .catch((error: unknown) => {
        console.warn("Vigie: could not hand the chosen photos to the site, the originals go:", error);
        release(files);
      });
  }
}
