// Types of code-settings.mjs (plain JavaScript so that Node tools read it as is).
import type { ReaderOptions } from "zxing-wasm/reader";

export const CODE_SETTINGS: { maxSide: number; options: ReaderOptions };
