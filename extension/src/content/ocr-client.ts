// The text in an attached photo, read by the background over a port (OCR takes seconds:
// progress comes back while it runs). Aborting the signal disconnects the port, which stops
// the reading in the background.

import { ext } from "../shared/browser-api";
import type { Platform } from "../shared/findings";
import { OCR_PORT, type ImageFinding, type OcrReply, type OcrRequest } from "../shared/messages";

export function readTextInPhoto(
  base64: string,
  platform: Platform,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<ImageFinding[]> {
  return new Promise<ImageFinding[]>((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException("reading cancelled", "AbortError"));
    const port = ext.runtime.connect({ name: OCR_PORT });
    const stop = () => {
      port.disconnect();
      reject(new DOMException("reading cancelled", "AbortError"));
    };
    signal.addEventListener("abort", stop, { once: true });
    const settle = () => {
      signal.removeEventListener("abort", stop);
      port.disconnect();
    };
    port.onDisconnect.addListener(() => {
      signal.removeEventListener("abort", stop);
      reject(new Error("the background closed the reading"));
    });
    port.onMessage.addListener((reply: OcrReply) => {
      if (reply.kind === "progress") return onProgress(reply.progress);
      settle();
      if (reply.kind === "done") resolve(reply.findings);
      else reject(new Error(reply.error));
    });
    port.postMessage({ kind: "read-text", base64, platform } satisfies OcrRequest);
  });
}
