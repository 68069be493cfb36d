// Between the background (Chromium's service worker) and the offscreen document that reads
// photos: one port per reading; disconnecting it cancels the reading.

import type { OcrWord } from "./ocr-settings.mjs";

export const OFFSCREEN_OCR_PORT = "vigie-ocr-offscreen";

export interface OffscreenOcrRequest {
  base64: string;
}
export type OffscreenOcrReply =
  | { kind: "progress"; progress: number }
  | { kind: "words"; /** null: this browser cannot decode the photo */ words: OcrWord[] | null }
  | { kind: "failed"; error: string };
