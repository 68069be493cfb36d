// The OCR settings Vigie ships, in one place: the extension (offscreen/ocr-runner.ts), its
// build (which tesseract files to copy) and the image evaluation in Node read this file.
//
// Chosen by measuring (tests/fixtures/ocr and skimage's photos, Node, this 2-core machine):
//  - core: the SIMD, LSTM-only build of tesseract.js-core (every browser Vigie supports has
//    wasm SIMD; the legacy engine is never used); its .js + .wasm pair (1.08 MB gzipped), not
//    the .wasm.js that embeds the wasm as base64 (+36 %).
//  - model: 4.0.0_best_int, 707 KB gzipped. With the LSTM engine it reads exactly as the
//    4.0.0 model (same words, same confidences on every test photo: 4.0.0's LSTM part is
//    the same integer network) and as fast (label 0.62 s vs 0.65 s), but 4.0.0 weighs 6.3 MB
//    (legacy-engine data) and takes 1.8 s instead of 0.8 s to load.
//  - page segmentation 3 (automatic): sparse mode (11) reads textures as words ("VAS" at
//    63 % in a portrait, "A" on a cat), automatic mode reads nothing there and the same words
//    on the label.

/** Files, relative to the npm packages, and where the extension ships them. */
export const OCR_FILES = {
  /** tesseract.js's worker script (it loads the core with importScripts). */
  worker: { from: "tesseract.js/dist/worker.min.js", to: "ocr/worker.min.js" },
  /** The core sits beside the worker: its loader finds the .wasm next to the worker. */
  coreJs: { from: "tesseract.js-core/tesseract-core-simd-lstm.js", to: "ocr/tesseract-core-simd-lstm.js" },
  coreWasm: { from: "tesseract.js-core/tesseract-core-simd-lstm.wasm", to: "ocr/tesseract-core-simd-lstm.wasm" },
  model: { from: "@tesseract.js-data/fra/4.0.0_best_int/fra.traineddata.gz", to: "ocr/fra.traineddata.gz" },
};

export const OCR_SETTINGS = {
  lang: "fra",
  /** tesseract's OEM 1: the LSTM engine only. */
  oem: 1,
  parameters: { tessedit_pageseg_mode: "3" },
  /**
   * Pictures are downscaled once to this longest side before reading. At 1024 px the small
   * print of wristbands, labels and screens was lost: the image evaluation's documents went
   * from 9/16 to 11/16 with a finding at 1600 px (2048 px: the same), and photos without
   * text with an `info` from 3 to 2 of 52; OCR p95 676 ms in Node on the idle machine.
   */
  maxSide: 1600,
};

/**
 * The words of a tesseract.js result (`recognize(image, {}, {blocks: true})`), in reading
 * order, as engine.textInImageFindings takes them: {text, confidence, x, y, w, h, line},
 * boxes in the pixels of the image read (ocr-strategy.mjs maps them back to the photo's).
 */
export function wordsOf(data) {
  const words = [];
  let line = 0;
  for (const block of data.blocks ?? []) {
    for (const { lines } of block.paragraphs ?? []) {
      for (const row of lines ?? []) {
        for (const word of row.words ?? []) {
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({
            text: word.text,
            confidence: Math.max(0, Math.min(100, word.confidence)),
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
            line,
          });
        }
        line += 1;
      }
    }
  }
  return words;
}
