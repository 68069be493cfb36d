// Barcodes and 2D codes in an attached photo (issue 6): zxing-wasm (its own wasm module,
// shipped in the extension: extension/build.mjs) decodes them from the photo's pixels here,
// off the page; the engine in force turns them into findings (engine.codeFindings: the pack's
// `codes` rules, the content through the text rules, one region per code in the photo's pixels).

import { prepareZXingModule } from "zxing-wasm/reader";
import { ext } from "../shared/browser-api";
import type { AnalyzeContext } from "./engine/vigie_engine.mjs";
import { t } from "../shared/i18n";
import type { ImageFinding } from "../shared/messages";
import { CODES, notChecked } from "../shared/not-checked";
import { readCodes } from "./code-reading.mjs";
import { engine } from "./engine-host";
import type { DecodedPhoto } from "./photo-pixels";

/** zxing-wasm's reader, copied from node_modules by the build; never fetched from a CDN. */
const READER_DIR = "zxing/";
const READER_WASM = "zxing_reader.wasm";
/** User timing entry for each decode (DevTools' Performance panel, benchmarks). */
const CODES_MEASURE = "vigie-codes";


let ready: Promise<unknown> | null = null;

/** Loads the reader's wasm from the extension, once per background lifetime. */
function reader(): Promise<unknown> {
  if (!ready) {
    const url = ext.runtime.getURL(READER_DIR + READER_WASM);
    const loading = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`${READER_WASM}: HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((wasmBinary) =>
        prepareZXingModule({
          // Both point inside the extension: the package's default locateFile is a CDN.
          overrides: { wasmBinary, locateFile: (file: string) => ext.runtime.getURL(READER_DIR + file) },
          fireImmediately: true,
        }),
      );
    ready = loading;
    loading.catch(() => {
      if (ready === loading) ready = null;
    });
  }
  return ready;
}

/**
 * The code findings of one photo. Never throws: a failed decode is logged, and the photo keeps
 * its other findings and says that codes were not checked.
 */
export async function codeFindings(photo: DecodedPhoto, context: AnalyzeContext): Promise<ImageFinding[]> {
  try {
    await reader();
    const started = performance.now();
    // Each pass asks for the photo at its own size (decoded once, drawn once per size).
    const codes = await readCodes((maxSide) => photo.pixels(maxSide));
    performance.measure(CODES_MEASURE, { start: started });
    if (!codes.length) return [];
    // The codes' boxes are already in the photo's pixels.
    const result = (await engine()).engine.codeFindings(codes, context);
    if ("error" in result) throw new Error(result.error);
    return result.findings;
  } catch (error) {
    console.warn("Vigie: codes not checked:", error);
    return [notChecked(CODES, t("attachCodesNotChecked"), `code reading failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}
