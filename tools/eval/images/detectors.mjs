// The extension's three photo analyses, run in Node on the same code paths (used by the
// image evaluation and the photo benchmark):
//  - faces: the wasm engine's BlazeFace with the pack's `faces` rule, on RGBA pixels
//    downscaled once as face-host.ts does (FACE_PICTURE);
//  - codes: zxing-wasm's reader, then engine.codeFindings (wasm/code_bindings.h);
//  - text: tesseract.js with the extension's OCR settings (extension/src/offscreen/
//    ocr-settings.mjs), then engine.textInImageFindings (wasm/ocr_bindings.h).
// Pictures are decoded by ImageMagick (the browser decodes them in the extension).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FACE_PICTURE, shrinkFactor } from '../../../extension/src/background/picture-size.mjs';
import { loadEngineModule } from '../../../wasm/node-loader.mjs';
import { repoRoot } from './set.mjs';

/** The face detector's picture size, as face-host.ts asks for it. */
export { FACE_PICTURE };

/** The model the extension ships (extension/build.mjs). */
export const FACE_MODEL = 'node_modules/@mediapipe/face_detection/face_detection_full_range.tflite';
/** The picture shrunk as the extension does (picture-size.mjs), as ImageMagick FORMAT bytes; scale = original / new. */
function shrunk(file, { maxSide, minShortSide }, format) {
  const [width, height] = execFileSync('identify', ['-quiet', '-format', '%w %h', `${file}[0]`], { encoding: 'utf8' })
    .split(' ').map(Number);
  const factor = shrinkFactor(width, height, maxSide, minShortSide);
  const w = Math.max(1, Math.round(width / factor));
  const h = Math.max(1, Math.round(height / factor));
  const bytes = execFileSync('convert', ['-quiet', `${file}[0]`, '-auto-orient', '-colorspace', 'sRGB', '-resize', `${w}x${h}!`,
    '-depth', '8', `${format}:-`], { maxBuffer: 1 << 28 });
  return { bytes, width: w, height: h, scale: Math.max(width, height) / Math.max(w, h) };
}

/**
 * RGBA pixels (as a browser's ImageData holds them) of FILE shrunk to `size`: a longest side
 * in pixels, or {maxSide, minShortSide} (FACE_PICTURE).
 */
export function rgbaPixels(file, size) {
  const { bytes, width, height, scale } = shrunk(file, typeof size === 'number' ? { maxSide: size } : size, 'rgba');
  if (bytes.length !== width * height * 4) throw new Error(`${file}: unexpected pixel count`);
  return { data: new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), width, height, scale };
}

/** The wasm engine with PACK_FILE's rules and the face model (FACE_MODEL by default) loaded. */
export async function loadEngine(wasmDir, packFile, faceModel = FACE_MODEL) {
  const mod = await loadEngineModule(wasmDir);
  const engine = new mod.Engine(fs.readFileSync(packFile, 'utf8'), path.basename(packFile));
  if (!engine.ok()) throw new Error(`${packFile}: ${engine.error()}`);
  const loaded = mod.loadFaceModel(new Uint8Array(fs.readFileSync(path.resolve(repoRoot, faceModel))));
  if (loaded.error) throw new Error(`${faceModel}: ${loaded.error}`);
  return { mod, engine };
}

/** Faces: {faces, findings} of one picture, as face-host.ts gets them. */
export function detectFaces(engine, pixels) {
  const result = engine.detectFaces(pixels.data, pixels.width, pixels.height);
  if (result.error) throw new Error(result.error);
  return result;
}

/** Whether the engine build has the bindings a detector needs. */
export const hasCodeFindings = (engine) => typeof engine.codeFindings === 'function';
export const hasTextFindings = (engine) => typeof engine.textInImageFindings === 'function';
