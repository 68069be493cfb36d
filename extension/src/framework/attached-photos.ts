// The photos attached on this page since the last post went out, and what their pixels show
// (faces, codes, text: findings with regions). A clean copy loses the metadata, not what is in
// the picture, so those findings still count when the user presses Post; the faces also reach
// the text analysis (a face plus a care context in the text is a breach of medical secrecy).
// A photo the user removes from the composer no longer counts (attach-removal.ts says when).
// It also knows the photos Vigie holds (taken from the page, not yet given to the site nor
// dropped): a post sent meanwhile would go out without them, so Post waits for them.

import type { ImageFinding } from "../shared/messages";
import { PICTURE } from "../shared/not-checked";
import { RemovalWatch } from "./attach-removal";

/** A finding about an attached photo, with the file's name for the pause before Post. */
export interface PhotoFinding extends ImageFinding {
  photo: string;
}

/** Faces findings come from the engine's `faces` rules with `source: "pixels"`, one region per face. */
const isFaces = (finding: ImageFinding) => finding.source === "pixels";

/** Photos Vigie holds, from the moment it takes them: `shown` once their card opens, `done` once they leave Vigie. */
export interface HeldPhotos {
  shown(): void;
  done(): void;
}

interface Held {
  names: string[];
  /** No card shows them yet: Vigie is still checking them. */
  checking: boolean;
}

/** One attached photo's findings, and how to stop watching for its removal. */
interface Attached {
  findings: PhotoFinding[];
  unwatch: () => void;
}

export class AttachedPhotos {
  private attached: Attached[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly removal: RemovalWatch;
  private readonly held = new Set<Held>();
  /** Called when held photos are shown in their card or leave Vigie. */
  private readonly heldListeners = new Set<() => void>();

  /** `attachedMedia`: the site adapter's `attached_media` selector in force, if any. */
  constructor(attachedMedia: () => string | undefined = () => undefined) {
    this.removal = new RemovalWatch(attachedMedia);
  }

  /** A photo went to the site (it came in at `near`): keeps what is in its picture (its metadata
   * too unless cleaned). A picture that could not be checked was confirmed in the card: Post
   * does not ask again. */
  add(name: string, findings: ImageFinding[], cleaned: boolean, near: Element | null = null): void {
    const kept = findings.filter((finding) => (!cleaned || finding.regions?.length) && finding.rule !== PICTURE.rule);
    if (!kept.length) return;
    const photo: Attached = { findings: kept.map((finding) => ({ ...finding, photo: name })), unwatch: () => undefined };
    photo.unwatch = this.removal.watch(near, () => {
      // The user removed it from the post.
      this.attached = this.attached.filter((other) => other !== photo);
      this.notify();
    });
    this.attached = [...this.attached, photo];
    this.notify();
  }

  /** The post went out: its photos no longer count. */
  clear(): void {
    if (!this.attached.length) return;
    for (const photo of this.attached) photo.unwatch();
    this.attached = [];
    this.notify();
  }

  /** Vigie takes these photos from the page (they are checked before the site gets them). */
  take(names: string[]): HeldPhotos {
    const held: Held = { names, checking: true };
    this.held.add(held);
    const changed = () => {
      for (const listener of this.heldListeners) listener();
    };
    return {
      shown: () => {
        if (!held.checking) return;
        held.checking = false;
        changed();
      },
      done: () => {
        if (this.held.delete(held)) changed();
      },
    };
  }

  /** True while Vigie holds photos: a post sent now would go without them. */
  holding(): boolean {
    return this.held.size > 0;
  }

  /** The names of the held photos that no card shows yet (being checked). */
  checking(): string[] {
    return [...this.held].filter((held) => held.checking).flatMap((held) => held.names);
  }

  /**
   * Calls `then` once no photo is being checked any more (each is in its card, or left Vigie),
   * synchronously: before the card opens, so that whatever closes then gives the focus back
   * to the page first and the card returns it there.
   */
  whenChecked(then: () => void): void {
    const check = () => {
      if (this.checking().length) return;
      this.heldListeners.delete(check);
      then();
    };
    this.heldListeners.add(check);
    check();
  }

  all(): readonly PhotoFinding[] {
    return this.attached.flatMap((photo) => photo.findings);
  }

  /** Faces seen in the attached photos (the analysis context's `photoFaces`). */
  faces(): number {
    return this.all().filter(isFaces).reduce((sum, finding) => sum + (finding.regions?.length ?? 0), 0);
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
