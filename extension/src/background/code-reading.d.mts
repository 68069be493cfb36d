// Types of code-reading.mjs (plain JavaScript so that Node tools read it as is).
import type { DecodedCode } from "./engine/vigie_engine.mjs";

/** The photo at most `maxSide` pixels long, and photo pixels per pixel of `image`. */
export type PixelsAt = (maxSide: number) => {
  image: { data: Uint8ClampedArray; width: number; height: number };
  scale: number;
};

export function readCodes(pixelsAt: PixelsAt): Promise<DecodedCode[]>;
