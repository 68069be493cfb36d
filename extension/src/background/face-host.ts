// Faces in an attached photo (issue 6): the browser decodes the picture off the page
// (photo-pixels.ts), and the engine's BlazeFace detector (wasm/face_bindings.cc) finds the
// faces; the pack's `faces` rules turn them into findings with one region per face, in the
// photo's pixels.

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import type { ImageFinding } from "../shared/messages";
import { FACES, notChecked } from "../shared/not-checked";
import { engine } from "./engine-host";
import { type DecodedPhoto, inPhotoPixels } from "./photo-pixels";
import { FACE_PICTURE } from "./picture-size.mjs";

/** Shipped inside the extension (extension/build.mjs), never fetched from elsewhere. */
const MODEL_PATH = "models/face_detection_full_range.tflite";
/** User timing entry for each detection (DevTools' Performance panel, benchmarks). */
const FACES_MEASURE = "vigie-faces";

type LoadedEngine = Awaited<ReturnType<typeof engine>>;

/** The module the face model is loaded into (one model per module, whatever the pack). */
let loadedInto: { module: LoadedEngine["module"]; ready: Promise<void> } | null = null;

async function modelBytes(): Promise<Uint8Array> {
  const response = await fetch(ext.runtime.getURL(MODEL_PATH));
  if (!response.ok) throw new Error(`${MODEL_PATH}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The engine in force, once the face model is loaded into its module. */
async function faceEngine(): Promise<LoadedEngine["engine"]> {
  const loaded = await engine();
  if (!loadedInto || loadedInto.module !== loaded.module) {
    const ready = modelBytes().then((bytes) => {
      const result = loaded.module.loadFaceModel(bytes);
      if ("error" in result) throw new Error(`${MODEL_PATH}: ${result.error}`);
    });
    loadedInto = { module: loaded.module, ready };
    ready.catch(() => {
      if (loadedInto?.ready === ready) loadedInto = null;
    });
  }
  await loadedInto.ready;
  // The engine in force after the wait: its pack's `faces` rules apply.
  return (await engine()).engine;
}

/**
 * The face findings of one photo. Never throws: a failed detection is logged, and the photo
 * keeps its metadata findings and says that faces were not checked.
 */
export async function faceFindings(photo: DecodedPhoto): Promise<ImageFinding[]> {
  try {
    const detector = await faceEngine();
    const { image, scale } = photo.pixels(FACE_PICTURE.maxSide, FACE_PICTURE.minShortSide);
    const started = performance.now();
    const result = detector.detectFaces(image.data, image.width, image.height);
    performance.measure(FACES_MEASURE, { start: started, detail: { width: image.width, height: image.height } });
    if ("error" in result) throw new Error(result.error);
    return inPhotoPixels(result.findings, scale);
  } catch (error) {
    console.warn("Vigie: faces not checked:", error);
    return [notChecked(FACES, t("attachFacesNotChecked"), `face detection failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}
