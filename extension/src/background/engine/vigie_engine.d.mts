// Types of the Emscripten ES6 build of the engine (wasm/). The build copies the real
// vigie_engine.mjs next to the background script as engine/vigie_engine.mjs.

import type { Finding, PackInfo } from "../../shared/findings";
import type { ImageAnalysisResponse, ImageFinding } from "../../shared/messages";

/** Failure is data: `{error}`, never an exception. */
export type Failable<T> = T | { error: string };

export interface AnalyzeContext {
  platform: "x" | "facebook" | "linkedin" | "";
  affiliated: boolean;
}

export interface Engine {
  ok(): boolean;
  error(): string;
  packInfo(): PackInfo;
  analyze(text: string, context: AnalyzeContext): Finding[];
  analyzeImage(bytes: Uint8Array, context: AnalyzeContext): Failable<ImageAnalysisResponse>;
  stripImage(bytes: Uint8Array): Failable<{ bytes: Uint8Array }>;
  /** Faces in RGBA pixels (ImageData.data), with this engine's pack rules; needs loadFaceModel. */
  detectFaces(rgba: Uint8ClampedArray, width: number, height: number): Failable<{ findings: ImageFinding[] }>;
  delete(): void;
}

export interface VigieModule {
  Engine: new (packJson: string, packName: string) => Engine;
  version(): string;
  /** Loads the face model (a BlazeFace .tflite) once for the module's engines. */
  loadFaceModel(model: Uint8Array): Failable<{ inputSize: number }>;
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
