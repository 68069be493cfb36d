// Reads the words in a photo with tesseract.js, in a page that can start Workers: Chromium's
// offscreen document (a service worker cannot) or Firefox's background page. Every file comes
// from the extension (ocr-settings.mjs says which); nothing is fetched from elsewhere and
// nothing is cached (cacheMethod "none": the model is already local).
// One tesseract worker, one reading at a time (ocr-strategy.mjs decides its passes); cancelling
// terminates the worker (tesseract has no other way to stop), which also ends the passes left,
// and an idle worker is terminated to give its memory back.

import { createWorker, type Worker as TesseractWorker } from "tesseract.js";
import { ext } from "../shared/browser-api";
import { decodePhoto } from "../background/photo-pixels";
import { OCR_FILES, OCR_SETTINGS, type OcrWord } from "./ocr-settings.mjs";
import { readPicture } from "./ocr-strategy.mjs";

/** An idle tesseract worker keeps its core and the model in memory: let them go after this. */
const IDLE_MS = 60_000;
/** Loading the core and the model: the first 10 % of the progress bar. */
const LOADING_SHARE = 0.1;
/** User timing entry of each reading (DevTools' Performance panel, benchmarks). */
const OCR_MEASURE = "vigie-ocr";

type Progress = (fraction: number) => void;

let worker: Promise<TesseractWorker> | null = null;
/** Where tesseract's logger sends the progress of the pass under way. */
let report: Progress = () => undefined;
let idle: ReturnType<typeof setTimeout> | undefined;
let queue: Promise<unknown> = Promise.resolve();

const url = (file: { to: string }) => ext.runtime.getURL(file.to);

function tesseract(): Promise<TesseractWorker> {
  if (!worker) {
    const starting = createWorker(OCR_SETTINGS.lang, OCR_SETTINGS.oem, {
      workerPath: url(OCR_FILES.worker),
      corePath: url(OCR_FILES.coreJs),
      langPath: url(OCR_FILES.model).replace(/\/[^/]*$/, ""),
      workerBlobURL: false,
      cacheMethod: "none",
      gzip: true,
      logger: ({ status, progress }) => {
        if (status === "recognizing text") report(progress);
      },
      errorHandler: (error: unknown) => console.warn("Vigie: tesseract:", error),
    }).then(async (started) => {
      await started.setParameters(OCR_SETTINGS.parameters);
      return started;
    });
    starting.catch(() => {
      if (worker === starting) worker = null;
    });
    worker = starting;
  }
  return worker;
}

function stop(): void {
  const stopping = worker;
  worker = null;
  void stopping?.then((w) => w.terminate()).catch(() => undefined);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException("reading cancelled", "AbortError"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The photo downscaled once to OCR_SETTINGS.maxSide; null when it cannot be decoded. */
async function downscaled(bytes: Uint8Array<ArrayBuffer>): Promise<{ image: ImageData; scale: number } | null> {
  const photo = await decodePhoto(bytes);
  if (!photo) return null;
  try {
    return photo.pixels(OCR_SETTINGS.maxSide);
  } finally {
    photo.close();
  }
}

async function read(bytes: Uint8Array<ArrayBuffer>, onProgress: Progress, signal: AbortSignal): Promise<OcrWord[] | null> {
  clearTimeout(idle);
  onProgress(LOADING_SHARE * 0.5);
  try {
    const [reader, photo] = await abortable(Promise.all([tesseract(), downscaled(bytes)]), signal);
    if (!photo) return null;
    const started = performance.now();
    const words = await readPicture(
      photo.image,
      async (image, options, onPassProgress) => {
        report = onPassProgress;
        const { data } = await abortable(reader.recognize(new Blob([image]), options, { blocks: true }), signal);
        return data;
      },
      { scale: photo.scale, signal, onProgress: (fraction) => onProgress(LOADING_SHARE + (1 - LOADING_SHARE) * fraction) },
    );
    performance.measure(OCR_MEASURE, { start: started, detail: { scale: photo.scale } });
    return words;
  } catch (error) {
    // A cancelled or failed reading leaves the worker in an unknown state: start afresh.
    stop();
    throw error;
  } finally {
    report = () => undefined;
    idle = setTimeout(stop, IDLE_MS);
  }
}

/**
 * The words of one photo, in its own pixels, or null when this browser cannot decode it.
 * Rejects with an AbortError when `signal` aborts (the reading is then stopped).
 */
export function readWords(bytes: Uint8Array<ArrayBuffer>, onProgress: Progress, signal: AbortSignal): Promise<OcrWord[] | null> {
  const next = queue.then(() => (signal.aborted ? Promise.reject(new DOMException("reading cancelled", "AbortError")) : read(bytes, onProgress, signal)));
  queue = next.catch(() => undefined);
  return next;
}

/** Whether this context can host the reading itself (it can start Workers). */
export const canReadHere = (): boolean => typeof Worker !== "undefined" && typeof document !== "undefined";
