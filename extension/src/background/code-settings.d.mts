// Types of code-settings.mjs (plain JavaScript so that Node tools read it as is).
import type { ReaderOptions } from "zxing-wasm/reader";

/** One zxing pass: the photo at most `maxSide` pixels long, read with `options`. */
export interface CodePass {
  maxSide: number;
  options: ReaderOptions;
}

export const CODE_SETTINGS: { passes: CodePass[] };
