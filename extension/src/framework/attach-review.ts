// Decides which files the site gets: each photo is analysed (by the engine, through the
// content script); photos whose metadata holds a warning or critical finding are shown in
// the card, and the user picks a clean copy, the original, or nothing. Photos without such
// findings, files that are not photos, and anything that fails go through unchanged.

import { holdsPost } from "../shared/findings";
import type { ImageAnalysisResponse } from "../shared/messages";
import { openAttachCard, showAttachNotice, type AttachItem } from "./attach-card";
import { canDecode, reencodeAsJpeg } from "./attach-reencode";
import type { AttachStrings } from "./attach-strings";
import { isPhoto } from "./attach-watch";
import type { Strings } from "./strings";

export type AttachOutcome = { kind: "cancel" } | { kind: "attach"; files: File[]; changed: boolean };

export interface AttachReviewOptions {
  /** The engine's analysis of one photo (the content script reads and sends it). */
  analyze(file: File): Promise<ImageAnalysisResponse>;
  /** The same photo without metadata, same name and type (lossless, by the engine). */
  strip(file: File): Promise<File>;
  words: Strings;
  strings: AttachStrings;
  /** Photos above this size are not analysed: they pass with a notice. */
  maxBytes: number;
  /** After this, an analysis that has not answered lets the file through (a copy: the user chooses again). */
  timeoutMs: number;
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1).replace(".", ",");

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export class AttachReview {
  private readonly notified = new WeakSet<File>();
  /** One card at a time: later attachments wait for the earlier decision. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AttachReviewOptions) {}

  canAnalyse(file: File): boolean {
    return file.size <= this.options.maxBytes;
  }

  notifyTooLarge(files: File[]): void {
    const { strings, maxBytes } = this.options;
    for (const file of files) {
      if (this.notified.has(file)) continue;
      this.notified.add(file);
      showAttachNotice(strings.tooLarge(file.name, megabytes(file.size), megabytes(maxBytes)), strings);
    }
  }

  decide(files: File[]): Promise<AttachOutcome> {
    const next = this.queue.then(() => this.review(files));
    this.queue = next.catch(() => undefined);
    return next.catch((error: unknown) => {
      console.warn("Vigie: photo review failed, the original files are attached:", error);
      return { kind: "attach", files, changed: false } as const;
    });
  }

  private async analyse(file: File): Promise<AttachItem | null> {
    if (!isPhoto(file) || !this.canAnalyse(file)) return null;
    try {
      const analysis = await withTimeout(this.options.analyze(file), this.options.timeoutMs);
      if (!analysis.findings.some(holdsPost)) return null;
      const reencode = analysis.metadata.container === "heif";
      return { file, findings: analysis.findings, reencode, decodable: reencode && (await canDecode(file)) };
    } catch (error) {
      console.warn(`Vigie: ${file.name} not analysed, attached as is:`, error);
      return null;
    }
  }

  private async review(files: File[]): Promise<AttachOutcome> {
    const items = (await Promise.all(files.map((file) => this.analyse(file)))).filter((item) => item !== null);
    if (!items.length) return { kind: "attach", files, changed: false };
    const card = openAttachCard(items, this.options.words, this.options.strings);
    try {
      for (;;) {
        const choice = await card.choice();
        if (choice === "cancel") return { kind: "cancel" };
        if (choice === "original") return { kind: "attach", files, changed: false };
        try {
          return { kind: "attach", files: await this.cleanCopies(files, items), changed: true };
        } catch (error) {
          console.warn("Vigie: no clean copy:", error);
          card.fail(this.options.strings.cleanFailed);
        }
      }
    } finally {
      card.close();
    }
  }

  private async cleanCopies(files: File[], items: AttachItem[]): Promise<File[]> {
    const flagged = new Map(items.map((item) => [item.file, item]));
    return Promise.all(
      files.map((file) => {
        const item = flagged.get(file);
        if (!item) return file;
        return withTimeout(item.reencode ? reencodeAsJpeg(file) : this.options.strip(file), this.options.timeoutMs);
      }),
    );
  }
}
