// Decides which files the site gets: each photo is analysed (by the engine, through the
// content script); photos with a warning or critical finding are shown in the card, and the
// user picks a clean copy, the original, or nothing. Files that are not photos, and anything
// that fails, go through unchanged.
// The text in a photo (OCR) takes seconds: the card opens as soon as the quick analysis
// (metadata, faces) is back, shows the reading's progress with a way to stop it, and the
// text's findings join when they are ready. If in the end nothing holds the photo, the card
// closes by itself and the photo goes on (what the reading found is then told in a notice).
// A stopped, failed or timed-out reading adds an `info` saying that the text was not checked.

import { holdsPost } from "../shared/findings";
import type { ImageAnalysisResponse, ImageFinding } from "../shared/messages";
import { notChecked, TEXT } from "../shared/not-checked";
import { openAttachCard, showAttachNotice, type AttachCard, type AttachItem } from "./attach-card";
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
  /** Reads the text in a photo (OCR): progress from 0 to 1, then its findings; aborting stops it. */
  readText?(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<ImageFinding[]>;
  words: Strings;
  strings: AttachStrings;
  /** Photos above this size are not analysed: they pass with a notice. */
  maxBytes: number;
  /** After this, an analysis that has not answered lets the file through (a copy: the user chooses again). */
  timeoutMs: number;
  /** After this, a reading of the text stops and says that the text was not checked. */
  readTimeoutMs: number;
  /** The user attached the photos shown in the card, as they are or as clean copies. */
  attached?(items: readonly AttachItem[], cleaned: boolean): void;
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1).replace(".", ",");

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

const holds = (item: AttachItem) => item.findings.some(holdsPost);

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

  /** The quick analysis of one photo (metadata, faces); null when it is not analysed. */
  private async analyse(file: File): Promise<AttachItem | null> {
    if (!isPhoto(file) || !this.canAnalyse(file)) return null;
    try {
      const analysis = await withTimeout(this.options.analyze(file), this.options.timeoutMs);
      const reencode = analysis.metadata.container === "heif";
      return { file, findings: analysis.findings, reencode, decodable: reencode && (await canDecode(file)) };
    } catch (error) {
      console.warn(`Vigie: ${file.name} not analysed, attached as is:`, error);
      return null;
    }
  }

  /** Reads the text of `item` into its findings; stopping or failing adds a "text not checked" info. */
  private async read(item: AttachItem, card: AttachCard, controller: AbortController): Promise<ImageFinding[]> {
    const readText = this.options.readText;
    if (!readText) return [];
    let findings: ImageFinding[];
    try {
      const reading = readText(item.file, (fraction) => card.progress(item, fraction), controller.signal);
      findings = await withTimeout(reading, this.options.readTimeoutMs);
    } catch (error) {
      const stopped = controller.signal.aborted;
      if (!stopped) console.warn(`Vigie: text of ${item.file.name} not read:`, error);
      controller.abort();
      findings = [notChecked(TEXT, this.options.strings.textNotChecked, stopped ? "the user stopped the reading" : `reading failed: ${String(error)}`)];
    }
    item.reading = false;
    item.findings = [...item.findings, ...findings];
    card.update(item);
    return findings;
  }

  private async review(files: File[]): Promise<AttachOutcome> {
    const analysed = (await Promise.all(files.map((file) => this.analyse(file)))).filter((item) => item !== null);
    const toRead = this.options.readText ? analysed : [];
    const items = analysed.filter((item) => holds(item) || toRead.includes(item));
    if (!items.length) return { kind: "attach", files, changed: false };
    const readings = new Map(toRead.map((item) => [item, new AbortController()]));
    for (const item of toRead) item.reading = true;
    const card = openAttachCard(items, this.options.words, this.options.strings, (item) => readings.get(item)?.abort());
    let allRead = false;
    const textFindings: ImageFinding[] = [];
    const read = Promise.all(toRead.map((item) => this.read(item, card, readings.get(item) as AbortController))).then((found) => {
      allRead = true;
      textFindings.push(...found.flat());
      return "read" as const;
    });
    try {
      for (;;) {
        if (allRead && !items.some(holds)) {
          this.tell(textFindings);
          return { kind: "attach", files, changed: false };
        }
        const choice = allRead ? await card.choice() : await Promise.race([card.choice(), read]);
        if (choice === "read") continue;
        for (const controller of readings.values()) controller.abort();
        if (choice === "cancel") return { kind: "cancel" };
        if (choice === "original") {
          this.options.attached?.(items, false);
          return { kind: "attach", files, changed: false };
        }
        try {
          const copies = await this.cleanCopies(files, items);
          this.options.attached?.(items, true);
          return { kind: "attach", files: copies, changed: true };
        } catch (error) {
          console.warn("Vigie: no clean copy:", error);
          card.fail(this.options.strings.cleanFailed);
        }
      }
    } finally {
      for (const controller of readings.values()) controller.abort();
      card.close();
    }
  }

  /** What the reading found when nothing holds the photo (readable text, text not checked): it goes on, the user is told. */
  private tell(findings: ImageFinding[]): void {
    const { words, strings } = this.options;
    for (const finding of findings) {
      showAttachNotice(words.english && finding.message_en ? finding.message_en : finding.message, strings);
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
