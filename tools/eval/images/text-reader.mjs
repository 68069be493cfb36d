// Text in a picture in Node, as the extension reads it (extension/src/offscreen/ocr-runner.ts):
// one tesseract.js worker with the shipped settings and files (ocr-settings.mjs), the picture
// downscaled once to OCR_SETTINGS.maxSide and read by the shared strategy (ocr-strategy.mjs),
// the words handed to engine.textInImageFindings.
import path from 'node:path';
import { createWorker } from 'tesseract.js';
import { OCR_FILES, OCR_SETTINGS } from '../../../extension/src/offscreen/ocr-settings.mjs';
import { readPicture } from '../../../extension/src/offscreen/ocr-strategy.mjs';
import { rgbaPixels } from './detectors.mjs';
import { repoRoot } from './set.mjs';

const modules = path.join(repoRoot, 'node_modules');

/**
 * A started reader: read(file) -> {words, findings}; readShrunk(rgbaPixels(file, maxSide))
 * the same without decoding the file (what the extension times); close() ends its worker.
 */
export async function startTextReader(engine) {
  const worker = await createWorker(OCR_SETTINGS.lang, OCR_SETTINGS.oem, {
    // Node picks tesseract.js-core's build itself (the SIMD LSTM one, as shipped, when this
    // Node has no relaxed SIMD); the model is the shipped file, read from disk.
    langPath: path.dirname(path.join(modules, OCR_FILES.model.from)),
    cacheMethod: 'none',
    gzip: true,
  });
  // debug_file only silences tesseract's console notes ("Estimating resolution as ...").
  await worker.setParameters({ ...OCR_SETTINGS.parameters, debug_file: '/dev/null' });
  const recognise = async (image, options) => (await worker.recognize(Buffer.from(image), options, { blocks: true })).data;
  async function readShrunk(pixels) {
    const words = await readPicture(pixels, recognise, { scale: pixels.scale });
    const result = engine.textInImageFindings(words);
    if (result.error) throw new Error(result.error);
    return { words, findings: result.findings };
  }
  return {
    read: (file) => readShrunk(rgbaPixels(file, OCR_SETTINGS.maxSide)),
    readShrunk,
    close: () => worker.terminate(),
  };
}
