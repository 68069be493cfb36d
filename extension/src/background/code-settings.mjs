// How the extension reads barcodes and 2D codes in a photo (code-reading.mjs, for code-host.ts),
// in plain JavaScript so that Node tools (the image evaluation, the photo benchmark) read the same.

/** Settings every pass shares. */
const EVERY_PASS = {
  // Rotated codes too (a wristband turns around an arm; a label lies any way up).
  tryRotate: true,
  // The full search: every scan line for linear codes, off-centre DataMatrix symbols.
  tryHarder: true,
  // Inverted codes (light on dark) are not tried: a third more time on photos without a code.
  tryInvert: false,
  maxNumberOfSymbols: 32,
};

export const CODE_SETTINGS = {
  /**
   * Two zxing passes, one per family of symbologies, each at the resolution its modules need;
   * together they read every symbology zxing-wasm reads, each code in one pass only.
   * Measured on the image evaluation's 81 photos (process CPU per photo in Node, p95 of the
   * photos, on the shared 2-core machine):
   *  - one pass of every format at 2048 px: 13/14 codes, p95 138-150 ms. On the 1600 px photos,
   *    DataMatrix's search from 4 sides (tryRotate) costs 40 ms, PDF417's rotations 18 ms,
   *    linear codes 50 ms; tryRotate off: 11/14; tryHarder off: 9/14;
   *  - one pass at 1024 px: 12/14, p95 61 ms: linear codes need their narrow bars 1.5-2 px wide
   *    (it lost a Code 39 lot label and a book's EAN);
   *  - the global-histogram binarizer instead of the local one: 13/14, p95 76 ms, but on 80
   *    photos made for this choice (8 symbologies turned 0-270 degrees, 32 of them under a
   *    hard shadow across the code) it read 44 codes instead of 54, 6 of the 32 in shadow
   *    instead of 14;
   *  - these two passes: 13/14, 0 false decodes, p95 69-76 ms (2D codes at 1280 px: 12/14,
   *    p95 109 ms). On the 80 photos they read 59 codes, 21 in shadow: 6 of the 8 DataMatrix
   *    symbols half in shadow are read at 1024 px, none at 2048. The price, on 72 small
   *    codes: 2D codes under about 5 % of the photo's width (a 12x12 DataMatrix under 4 %)
   *    that 2048 px read are lost (31 read instead of 37).
   */
  passes: [
    /**
     * Linear codes (Code 128, Code 39, EAN, Codabar, ITF, DataBar...) at 2048 px: row scans cost
     * little per pixel (no black matrix). No downscaled copies (zxing's pyramid): they cost
     * 8 ms at p95 and read no linear code more in the evaluation or the 80 photos above.
     */
    { maxSide: 2048, options: { ...EVERY_PASS, formats: ["AllLinear"], tryDownscale: false } },
    /**
     * 2D codes (DataMatrix, QR, Aztec, PDF417, MaxiCode...) at 1024 px, with zxing's downscaled
     * copy for large blurred symbols: a DataMatrix is read down to about 2 px per module, so a
     * wristband's 12x12 symbol must span about 3 % of the photo's width.
     */
    { maxSide: 1024, options: { ...EVERY_PASS, formats: ["AllMatrix"] } },
  ],
};
