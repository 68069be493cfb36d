// Barcodes and 2D codes in a picture in Node, as the extension reads them: zxing-wasm's reader
// (its shipped wasm, never a CDN) with the extension's passes (code-reading.mjs) on RGBA pixels,
// then engine.codeFindings.
import fs from 'node:fs';
import path from 'node:path';
import { prepareZXingModule } from 'zxing-wasm/reader';
import { readCodes } from '../../../extension/src/background/code-reading.mjs';
import { CODE_SETTINGS } from '../../../extension/src/background/code-settings.mjs';
import { rgbaPixels } from './detectors.mjs';
import { repoRoot } from './set.mjs';

const READER_WASM = 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm';
/** The extension's own settings (passes: longest side, reader options) and reading. */
export { CODE_SETTINGS, readCodes };

/** zxing-wasm's module, loaded once from the npm package's wasm. */
export function loadZxing() {
  return prepareZXingModule({
    overrides: { wasmBinary: fs.readFileSync(path.join(repoRoot, READER_WASM)) },
    fireImmediately: true,
  });
}

/**
 * FILE's pixels at each pass's size, decoded once per size (ImageMagick) before any reading:
 * a function for readCodes.
 */
export function pixelsOf(file) {
  const sizes = new Map(CODE_SETTINGS.passes.map(({ maxSide }) => {
    const pixels = rgbaPixels(file, maxSide);
    return [maxSide, { image: pixels, scale: pixels.scale }];
  }));
  return (maxSide) => sizes.get(maxSide);
}

/** {codes, findings} of one picture file. */
export async function codesIn(engine, file) {
  const codes = await readCodes(pixelsOf(file));
  const result = engine.codeFindings(codes);
  if (result.error) throw new Error(`${file}: ${result.error}`);
  return { codes, findings: result.findings };
}
