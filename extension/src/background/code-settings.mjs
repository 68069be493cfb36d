// How the extension reads barcodes and 2D codes in a photo (code-host.ts), in plain
// JavaScript so that Node tools (the image evaluation, the photo benchmark) read the same.

export const CODE_SETTINGS = {
  /**
   * Longest side the decoder sees. zxing reads a DataMatrix down to about 2 px per module: at
   * 1024 px a wristband's 12x12 symbol must span about 3% of the photo's width, at 2048 px
   * half that. 1024 px missed a Code 39 lot label and a book's EAN of the image evaluation
   * (12/14 codes, goal 90%); 2048 px reads 13/14 but decodes 2 to 4 times slower (medians in
   * Node: 16-40 ms at 1024 px, 50-120 ms at 2048 px; issue 6 asks for under 100 ms).
   */
  maxSide: 2048,
  /**
   * Every readable format, rotated codes too (a wristband turns around an arm). Inverted codes
   * (light on dark) are not tried: a third more time on photos without a code.
   */
  options: { formats: [], tryHarder: true, tryRotate: true, tryInvert: false, maxNumberOfSymbols: 32 },
};
