// Types of the Emscripten ES6 build of the engine (wasm/). The build copies the real
// vigie_engine.mjs next to the background script as engine/vigie_engine.mjs.

import type { Finding, PackInfo } from "../../shared/findings";

export interface AnalyzeContext {
  platform: "x" | "facebook" | "linkedin" | "";
  affiliated: boolean;
}

export interface Engine {
  ok(): boolean;
  error(): string;
  packInfo(): PackInfo;
  analyze(text: string, context: AnalyzeContext): Finding[];
  delete(): void;
}

export interface VigieModule {
  Engine: new (packJson: string, packName: string) => Engine;
  version(): string;
}

export interface FactoryOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  instantiateWasm?: (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ) => object;
}

declare const createVigieEngine: (options?: FactoryOptions) => Promise<VigieModule>;
export default createVigieEngine;
