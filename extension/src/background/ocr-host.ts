// Text in an attached photo (issue 6): tesseract.js reads the words off the page (Chromium: in
// the offscreen document, since a service worker cannot start Workers; Firefox: here, in the
// background page), then the engine in force reads them like a post
// (engine.textInImageFindings: the pack's `text` rules, regions in the photo's pixels).
// Runs only when the user attaches a photo; the content script's port can cancel it, and the
// card then says that the text was not checked (framework/attach-review.ts).

import { ext } from "../shared/browser-api";
import { fromBase64 } from "../shared/base64";
import type { Platform } from "../shared/findings";
import { OCR_PORT, type ImageFinding, type OcrReply, type OcrRequest } from "../shared/messages";
import { canReadHere, readWords } from "../offscreen/ocr-runner";
import type { OcrWord } from "../offscreen/ocr-settings.mjs";
import { OFFSCREEN_OCR_PORT, type OffscreenOcrReply } from "../offscreen/offscreen-protocol";
import { engine } from "./engine-host";
import { ensureOffscreenDocument } from "./engine/offscreen-document";
import { settings } from "./settings-store";

function abortError(): DOMException {
  return new DOMException("reading cancelled", "AbortError");
}

/** The words, read by the offscreen document over a port (disconnecting it cancels). */
async function readOffscreen(base64: string, onProgress: (p: number) => void, signal: AbortSignal): Promise<OcrWord[] | null> {
  await ensureOffscreenDocument();
  if (signal.aborted) throw abortError();
  const port = ext.runtime.connect({ name: OFFSCREEN_OCR_PORT });
  return new Promise<OcrWord[] | null>((resolve, reject) => {
    const finish = () => {
      signal.removeEventListener("abort", cancel);
      port.disconnect();
    };
    const cancel = () => {
      finish();
      reject(abortError());
    };
    signal.addEventListener("abort", cancel, { once: true });
    port.onDisconnect.addListener(() => {
      signal.removeEventListener("abort", cancel);
      reject(new Error("the offscreen document closed"));
    });
    port.onMessage.addListener((reply: OffscreenOcrReply) => {
      if (reply.kind === "progress") return onProgress(reply.progress);
      finish();
      if (reply.kind === "words") resolve(reply.words);
      else reject(new Error(reply.error));
    });
    port.postMessage({ base64 });
  });
}

/**
 * The findings of the text in one photo. Rejects when the reading fails, when this browser
 * cannot decode the photo, or when `signal` aborts (the reading then stops).
 */
export async function textFindings(
  base64: string,
  platform: Platform,
  affiliated: boolean,
  onProgress: (p: number) => void,
  signal: AbortSignal,
): Promise<ImageFinding[]> {
  const words = canReadHere()
    ? await readWords(fromBase64(base64), onProgress, signal)
    : await readOffscreen(base64, onProgress, signal);
  if (!words) throw new Error("the browser could not decode the picture");
  const result = (await engine()).engine.textInImageFindings(words, { platform, affiliated });
  if ("error" in result) throw new Error(result.error);
  return result.findings;
}

/** Answers content scripts' OCR ports (OCR_PORT): progress, then the findings. */
export function listenForTextReading(): void {
  ext.runtime.onConnect.addListener((port) => {
    if (port.name !== OCR_PORT || port.sender?.id !== ext.runtime.id || !port.sender.tab) return;
    const controller = new AbortController();
    let open = true;
    const reply = (message: OcrReply) => {
      if (open) port.postMessage(message);
    };
    port.onDisconnect.addListener(() => {
      open = false;
      controller.abort();
    });
    port.onMessage.addListener((request: OcrRequest) => {
      if (request?.kind !== "read-text") return;
      const onProgress = (progress: number) => reply({ kind: "progress", progress });
      void settings()
        .then((current) => current.affiliation[request.platform])
        .catch(() => false)
        .then((affiliated) => textFindings(request.base64, request.platform, affiliated, onProgress, controller.signal))
        .then(
          (findings) => reply({ kind: "done", findings }),
          (error: unknown) => reply({ kind: "failed", error: error instanceof Error ? error.message : String(error) }),
        );
    });
  });
}
