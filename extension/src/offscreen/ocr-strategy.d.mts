// Types of ocr-strategy.mjs (plain JavaScript so that Node tools read it as is).
import type { OcrWord } from "./ocr-settings.mjs";

/** One tesseract.js pass: the picture as PPM or PGM bytes, then the result's `data` (blocks output). */
export type Recognise = (
  image: Uint8Array<ArrayBuffer>,
  options: { rotateRadians?: number },
  onPassProgress: (fraction: number) => void,
) => Promise<{ blocks?: unknown[] | null }>;

export function readPicture(
  picture: { data: ArrayLike<number>; width: number; height: number },
  recognise: Recognise,
  options?: { scale?: number; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<OcrWord[]>;

