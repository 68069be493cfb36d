// Holds photos entering the page (file input, paste, drop) before the site sees them, has
// them reviewed (attach-review.ts), then gives the site the chosen files through the same
// path: `input.files` and `input`/`change` events, or a synthetic `paste`/`drop` event
// carrying a DataTransfer. Capture-phase listeners on `window` run before the site's own.
// A file is never swallowed for good: any failure releases the original files.

import type { AttachReview } from "./attach-review";
import { transferEvent, transferOf } from "./attach-transfer";

const PHOTO_TYPES = /^image\/(jpeg|pjpeg|png|webp|heic|heif|avif)$/i;
const PHOTO_NAMES = /\.(jpe?g|png|webp|heic|heif|avif)$/i;

export function isPhoto(file: File): boolean {
  return PHOTO_TYPES.test(file.type) || PHOTO_NAMES.test(file.name);
}

/** The non-file data of a paste or drop (text, HTML...), read while the event is live. */
function stringData(transfer: DataTransfer): [string, string][] {
  return transfer.types.filter((type) => type !== "Files").map((type) => [type, transfer.getData(type)]);
}

export class AttachWatcher {
  /** True while Vigie dispatches the chosen files (dispatch is synchronous): those events go
   * through untouched. A flag, not a set of events: in Firefox the page-made event reaches
   * the listener as another wrapper. */
  private replaying = false;
  /** File inputs whose files are being reviewed (their `change` follows their `input`). */
  private readonly holding = new WeakSet<HTMLInputElement>();
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
    if (this.holding.has(input)) {
      event.stopImmediatePropagation();
      return;
    }
    const files = [...(input.files ?? [])];
    if (!this.hold(event, files)) return;
    this.holding.add(input);
    const release = () => {
      this.dispatch(input, new Event("input", { bubbles: true, composed: true }));
      this.dispatch(input, new Event("change", { bubbles: true }));
    };
    void this.review
      .decide(files)
      .then((outcome) => {
        this.holding.delete(input);
        if (outcome.kind === "cancel") {
          input.value = "";
          return;
        }
        if (outcome.changed) input.files = transferOf(outcome.files).files;
        release();
      })
      .catch((error: unknown) => {
        console.warn("Vigie: could not hand the chosen photos to the site, the originals go:", error);
        release();
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
      .decide(files)
      .then((outcome) => {
        if (outcome.kind !== "cancel") release(outcome.files);
      })
      .catch((error: unknown) => {
        console.warn("Vigie: could not hand the chosen photos to the site, the originals go:", error);
        release(files);
      });
  }
}
