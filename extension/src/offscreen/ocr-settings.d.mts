// Types of ocr-settings.mjs (plain JavaScript so that Node tools read it as is).

export interface OcrWord {
  text: string;
  /** 0-100, as tesseract gives it. */
  confidence: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Words of one text line share it. */
  line: number;
}

export const OCR_FILES: Record<"worker" | "coreJs" | "coreWasm" | "model", { from: string; to: string }>;

export const OCR_SETTINGS: {
  lang: string;
  oem: number;
  parameters: Record<string, string>;
  maxSide: number;
};

export function wordsOf(data: { blocks?: unknown[] | null }): OcrWord[];
