// The photos attached on this page since the last post went out, and what their pixels show
// (faces, codes, text: findings with regions). A clean copy loses the metadata, not what is in
// the picture, so those findings still count when the user presses Post; the faces also reach
// the text analysis (a face plus a care context in the text is a breach of medical secrecy).

import type { ImageFinding } from "../shared/messages";
import { PICTURE } from "../shared/not-checked";

/** A finding about an attached photo, with the file's name for the pause before Post. */
export interface PhotoFinding extends ImageFinding {
  photo: string;
}

/** Faces findings come from the engine's `faces` rules with `source: "pixels"`, one region per face. */
const isFaces = (finding: ImageFinding) => finding.source === "pixels";

export class AttachedPhotos {
  private findings: PhotoFinding[] = [];
  private readonly listeners = new Set<() => void>();

  /** A photo went to the site: keeps what is in its picture (its metadata too unless cleaned).
   * A picture that could not be checked was confirmed in the card: Post does not ask again. */
  add(name: string, findings: ImageFinding[], cleaned: boolean): void {
    const kept = findings.filter((finding) => (!cleaned || finding.regions?.length) && finding.rule !== PICTURE.rule);
    if (!kept.length) return;
    this.findings = [...this.findings, ...kept.map((finding) => ({ ...finding, photo: name }))];
    this.notify();
  }

  /** The post went out: its photos no longer count. */
  clear(): void {
    if (!this.findings.length) return;
    this.findings = [];
    this.notify();
  }

  all(): readonly PhotoFinding[] {
    return this.findings;
  }

  /** Faces seen in the attached photos (the analysis context's `photoFaces`). */
  faces(): number {
    return this.findings.filter(isFaces).reduce((sum, finding) => sum + (finding.regions?.length ?? 0), 0);
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
