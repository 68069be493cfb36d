// Decides which files the site gets: each photo is analysed (by the engine, through the
// content script); photos with a warning or critical finding are shown in the card, and the
// user picks a clean copy, the original, or nothing. Files that are not photos, and anything
// that fails, go through unchanged.
// The text in a photo (OCR) takes seconds: the card opens as soon as the quick analysis
// (metadata, faces) is back, shows the reading's progress with a way to stop it, and the
// text's findings join when they are ready. If in the end nothing holds the photo, the card
// closes by itself and the photo goes on (what the reading found is then told in a notice).
// A stopped, failed or timed-out reading adds an `info` saying that the text was not checked.
// A picture the browser cannot decode (HEIC/AVIF in Chromium, a damaged file) was not looked
// at at all: its warning holds the card, and its text is not read (that would fail too).
// While photos wait for their first analysis, a marker says that Vigie is checking them.

import { holdsPost } from "../shared/findings";
import type { ImageAnalysisResponse, ImageFinding } from "../shared/messages";
import { notChecked, PICTURE, TEXT } from "../shared/not-checked";
import { openAttachCard, type AttachCard, type AttachItem } from "./attach-card";
import { sayOnce, withReading } from "./attach-findings";
import { markerBehindCard, showChecking } from "./attach-marker";
import { showAttachNotice } from "./attach-notices";
import { canDecode, reencodeAsJpeg } from "./attach-reencode";
import type { AttachStrings } from "./attach-strings";
import { isPhoto } from "./attach-watch";
import type { HeldPhotos } from "./attached-photos";
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
  /** The user attached these photos of the card, as they are or as clean copies; they came in at `near`. */
  attached?(items: readonly AttachItem[], cleaned: boolean, near: Element | null): void;
  /** Vigie takes these photos from the page until its decision (Post waits for them). */
  taken?(photos: File[]): HeldPhotos;
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1).replace(".", ",");

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

const holds = (item: AttachItem) => item.findings.some(holdsPost);
const pictureRead = (item: AttachItem) => !item.findings.some((finding) => finding.rule === PICTURE.rule);

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
      showAttachNotice(strings.tooLarge(file.name, megabytes(file.size), megabytes(maxBytes)), strings, true);
    }
  }

  /** `near`: where the photos came in (the marker shows there while they wait). */
  decide(files: File[], near: Element | null = null): Promise<AttachOutcome> {
    const { checking, checkingMany } = this.options.strings;
    const held = this.options.taken?.(files.filter((file) => isPhoto(file) && this.canAnalyse(file)));
    const hideMarker = showChecking({ one: checking, many: checkingMany }, files.length, near);
    const checked = () => {
      hideMarker();
      held?.shown();
    };
    const next = this.queue.then(() => this.review(files, checked, near));
    this.queue = next.catch(() => undefined);
    return next
      .catch((error: unknown) => {
        console.warn("Vigie: photo review failed, the original files are attached:", error);
        return { kind: "attach", files, changed: false } as const;
      })
      .finally(() => {
        checked();
        held?.done();
      });
  }

  /** The quick analysis of one photo (metadata, faces); null when it is not analysed. */
  private async analyse(file: File): Promise<AttachItem | null> {
    if (!isPhoto(file) || !this.canAnalyse(file)) return null;
    try {
      const analysis = await withTimeout(this.options.analyze(file), this.options.timeoutMs);
      const { container } = analysis.metadata;
      const reencode = container === "heif";
      // The engine cannot strip a GIF (it reads no GIF metadata): it goes as it is.
      const cleanable = container !== "gif" && (!reencode || (await canDecode(file)));
      return { file, findings: sayOnce(analysis.findings, this.options.strings.repeated), reencode, cleanable };
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
      const said = withReading(item.findings, sayOnce(await withTimeout(reading, this.options.readTimeoutMs), this.options.strings.repeated));
      item.findings = said.earlier;
      findings = said.read;
    } catch (error) {
      const stopped = controller.signal.aborted;
      if (!stopped) console.warn(`Vigie: text of ${item.file.name} not read:`, error);
      controller.abort();
      const { textNotChecked, textNotCheckedStopped } = this.options.strings;
      findings = [stopped
        ? notChecked(TEXT, textNotCheckedStopped, "the user stopped the reading")
        : notChecked(TEXT, textNotChecked, `reading failed: ${String(error)}`)];
    }
    item.reading = false;
    item.findings = [...item.findings, ...findings];
    card.update(item);
    return findings;
  }

  /** `checked` hides the "checking" marker (once the card shows). */
  private async review(files: File[], checked: () => void, near: Element | null): Promise<AttachOutcome> {
    const analysed = (await Promise.all(files.map((file) => this.analyse(file)))).filter((item) => item !== null);
    const toRead = this.options.readText ? analysed.filter(pictureRead) : [];
    const items = analysed.filter((item) => holds(item) || toRead.includes(item));
    if (!items.length) return { kind: "attach", files, changed: false };
    const readings = new Map(toRead.map((item) => [item, new AbortController()]));
    for (const item of toRead) item.reading = true;
    checked();
    const card = openAttachCard(items, this.options.words, this.options.strings, (item) => readings.get(item)?.abort());
    const cardClosed = markerBehindCard();
    let allRead = false;
    const textFindings = new Map<AttachItem, ImageFinding[]>();
    const reading = (item: AttachItem) =>
      this.read(item, card, readings.get(item) as AbortController).then((found) => textFindings.set(item, found));
    const read = Promise.all(toRead.map(reading)).then(() => {
      allRead = true;
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
          this.options.attached?.(items, false, near);
          return { kind: "attach", files, changed: false };
        }
        try {
          const copies = await this.cleanCopies(files, items);
          this.options.attached?.(items.filter((item) => item.cleanable), true, near);
          this.options.attached?.(items.filter((item) => !item.cleanable), false, near);
          return { kind: "attach", files: copies, changed: true };
        } catch (error) {
          console.warn("Vigie: no clean copy:", error);
          card.fail(this.options.strings.cleanFailed);
        }
      }
    } finally {
      for (const controller of readings.values()) controller.abort();
      card.close();
      cardClosed();
    }
  }

  /** What the reading found when nothing holds the photos (readable text, text not checked): they go on, the user is told, photo by photo. */
  private tell(textFindings: Map<AttachItem, ImageFinding[]>): void {
    const { words, strings } = this.options;
    for (const [item, findings] of textFindings) {
      for (const finding of findings) {
        const message = words.english && finding.message_en ? finding.message_en : finding.message;
        // "Text not checked" stays until the user closes it; what was read closes by itself.
        showAttachNotice(strings.aboutPhoto(item.file.name, message), strings, finding.rule === TEXT.rule);
      }
    }
  }

  private async cleanCopies(files: File[], items: AttachItem[]): Promise<File[]> {
    const flagged = new Map(items.map((item) => [item.file, item]));
    return Promise.all(
      files.map((file) => {
        const item = flagged.get(file);
        if (!item?.cleanable) return file;
        return withTimeout(item.reencode ? reencodeAsJpeg(file) : this.options.strip(file), this.options.timeoutMs);
      }),
    );
  }
}
