// How a photo's barcodes and 2D codes are read, in one place: the extension (code-host.ts) and
// the Node image evaluation, photo benchmark and tests call readCodes() with their own pixels.
// Each pass of CODE_SETTINGS reads the photo at its own size; every code comes back with its
// box in the photo's pixels, as engine.codeFindings takes it.

import { readBarcodes } from "zxing-wasm/reader";
import { CODE_SETTINGS } from "./code-settings.mjs";

/** A zxing result as the engine takes it: format, content and box, times `scale`. */
function decodedCode({ format, text, position }, scale) {
  const corners = [position.topLeft, position.topRight, position.bottomRight, position.bottomLeft];
  const xs = corners.map((p) => p.x * scale);
  const ys = corners.map((p) => p.y * scale);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    format,
    text,
    x: Math.round(x),
    y: Math.round(y),
    w: Math.round(Math.max(...xs) - x),
    h: Math.round(Math.max(...ys) - y),
  };
}

/**
 * The codes of one photo. `pixelsAt(maxSide)` gives the photo at most `maxSide` pixels long
 * (never enlarged) and its scale (photo pixels per pixel given). zxing-wasm's module must be
 * prepared first (prepareZXingModule).
 */
export async function readCodes(pixelsAt) {
  const codes = [];
  for (const { maxSide, options } of CODE_SETTINGS.passes) {
    const { image, scale } = pixelsAt(maxSide);
    for (const result of await readBarcodes(image, options)) codes.push(decodedCode(result, scale));
  }
  return codes;
}
