// The offscreen document (Chromium): an extension page whose only job is to host tesseract.js,
// which needs a Worker that a service worker cannot start. The background connects a port per
// photo; the page answers with progress, then the words.

import { ext } from "../shared/browser-api";
import { fromBase64 } from "../shared/base64";
import { readWords } from "./ocr-runner";
import { OFFSCREEN_OCR_PORT, type OffscreenOcrReply, type OffscreenOcrRequest } from "./offscreen-protocol";

ext.runtime.onConnect.addListener((port) => {
  // Only the background (no tab) asks; content scripts talk to the background.
  if (port.name !== OFFSCREEN_OCR_PORT || port.sender?.tab || port.sender?.id !== ext.runtime.id) return;
  const controller = new AbortController();
  let open = true;
  const reply = (message: OffscreenOcrReply) => {
    if (open) port.postMessage(message);
  };
  port.onDisconnect.addListener(() => {
    open = false;
    controller.abort();
  });
  port.onMessage.addListener((message: OffscreenOcrRequest) => {
    readWords(fromBase64(message.base64), (progress) => reply({ kind: "progress", progress }), controller.signal).then(
      (words) => reply({ kind: "words", words }),
      (error: unknown) => reply({ kind: "failed", error: error instanceof Error ? error.message : String(error) }),
    );
  });
});
