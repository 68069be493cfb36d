// Types of the Emscripten ES6 build of the engine (wasm/). The build copies the real
// vigie_engine.mjs next to the background script as engine/vigie_engine.mjs.

import type { Finding, PackInfo } from "../../shared/findings";
import type { ImageAnalysisResponse, ImageFinding } from "../../shared/messages";
import type { OcrWord } from "../../offscreen/ocr-settings.mjs";

/** Failure is data: `{error}`, never an exception. */
export type Failable<T> = T | { error: string };

/** A barcode or 2D code as a decoder read it: format name, content, box in picture pixels. */
export interface DecodedCode {
  format: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface AnalyzeContext {
  platform: "x" | "facebook" | "linkedin" | "";
  affiliated: boolean;
  /** Faces seen in the photos attached to the post (the "$photo_face" pseudo-entity). */
  photoFaces?: number;
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
  /** Codes zxing-wasm read in a photo (box in pixels), through this engine's `codes` and text rules. */
  codeFindings(codes: DecodedCode[], context?: AnalyzeContext): Failable<{ findings: ImageFinding[] }>;
  /** Words an OCR read in a photo, through this engine's text rules and `text` image rules. */
  textInImageFindings(words: OcrWord[], context?: AnalyzeContext): Failable<{ findings: ImageFinding[] }>;
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
