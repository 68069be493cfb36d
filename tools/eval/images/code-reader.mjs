// Barcodes and 2D codes in a picture in Node, as the extension reads them: zxing-wasm's reader
// (its shipped wasm, never a CDN) on RGBA pixels, then engine.codeFindings.
import fs from 'node:fs';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { CODE_SETTINGS } from '../../../extension/src/background/code-settings.mjs';
import { rgbaPixels } from './detectors.mjs';
import { repoRoot } from './set.mjs';

const READER_WASM = 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm';
/** The extension's own settings (longest side, reader options). */
export { CODE_SETTINGS };

/** zxing-wasm's module, loaded once from the npm package's wasm. */
export function loadZxing() {
  return prepareZXingModule({
    overrides: { wasmBinary: fs.readFileSync(path.join(repoRoot, READER_WASM)) },
    fireImmediately: true,
  });
}

/** The codes zxing reads in PIXELS, as engine.codeFindings takes them (boxes in picture pixels). */
export async function readCodes(pixels) {
  const results = await readBarcodes(pixels, CODE_SETTINGS.options);
  return results.map(({ format, text, position }) => {
    const xs = [position.topLeft.x, position.topRight.x, position.bottomLeft.x, position.bottomRight.x];
    const ys = [position.topLeft.y, position.topRight.y, position.bottomLeft.y, position.bottomRight.y];
    const s = pixels.scale ?? 1;
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { format, text, x: Math.round(x * s), y: Math.round(y * s),
      w: Math.round((Math.max(...xs) - x) * s), h: Math.round((Math.max(...ys) - y) * s) };
  });
}

/** {codes, findings} of one picture file. */
export async function codesIn(engine, file) {
  const codes = await readCodes(rgbaPixels(file, CODE_SETTINGS.maxSide));
  const result = engine.codeFindings(codes);
  if (result.error) throw new Error(`${file}: ${result.error}`);
  return { codes, findings: result.findings };
}
