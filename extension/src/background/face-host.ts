// Faces in an attached photo (issue 6): the browser decodes the picture here, off the page,
// and the engine's BlazeFace detector (wasm/face_bindings.cc) finds the faces; the pack's
// `faces` rules turn them into findings with one region per face, in the photo's pixels.

import { ext } from "../shared/browser-api";
import { t } from "../shared/i18n";
import type { ImageFinding } from "../shared/messages";
import { engine } from "./engine-host";

/** Shipped inside the extension (extension/build.mjs), never fetched from elsewhere. */
const MODEL_PATH = "models/face_detection_short_range.tflite";
/** Pictures are downscaled once to this longest side: the detector sees 128 px anyway. */
const MAX_SIDE = 1024;
/** User timing entry for each detection (DevTools' Performance panel, benchmarks). */
const FACES_MEASURE = "vigie-faces";

type Region = NonNullable<ImageFinding["regions"]>[number];

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

/** The picture's pixels, downscaled once; null when this browser cannot decode it. */
async function decode(bytes: Uint8Array<ArrayBuffer>): Promise<{ image: ImageData; scale: number } | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes]));
  } catch {
    return null;
  }
  try {
    const scale = Math.max(1, Math.max(bitmap.width, bitmap.height) / MAX_SIDE);
    const width = Math.max(1, Math.round(bitmap.width / scale));
    const height = Math.max(1, Math.round(bitmap.height / scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2D canvas");
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, width, height);
    // One factor for both axes: they differ only by the rounding of a pixel.
    return { image: context.getImageData(0, 0, width, height), scale: bitmap.width / width };
  } finally {
    bitmap.close();
  }
}

const scaled = (region: Region, scale: number): Region => ({
  ...region,
  x: Math.round(region.x * scale),
  y: Math.round(region.y * scale),
  w: Math.round(region.w * scale),
  h: Math.round(region.h * scale),
});

/** Said when the faces could not be looked for (HEIC in Chromium, a damaged file). */
function notChecked(why: string): ImageFinding {
  return {
    rule: "image-visages-non-verifies",
    category: "droit_image",
    severity: "info",
    start: 0,
    end: 0,
    message: t("attachFacesNotChecked"),
    guide: "Rappels juridiques — Confidentialité et droit à l'image",
    score: 0,
    why,
  };
}

/**
 * The face findings of one photo. Never throws: a failed detection is logged, and the photo
 * keeps its metadata findings and says that faces were not checked.
 */
export async function faceFindings(bytes: Uint8Array<ArrayBuffer>): Promise<ImageFinding[]> {
  try {
    const [detector, pixels] = await Promise.all([faceEngine(), decode(bytes)]);
    if (!pixels) return [notChecked("the browser could not decode the picture")];
    const { image, scale } = pixels;
    const started = performance.now();
    const result = detector.detectFaces(image.data, image.width, image.height);
    performance.measure(FACES_MEASURE, { start: started, detail: { width: image.width, height: image.height } });
    if ("error" in result) throw new Error(result.error);
    if (scale === 1) return result.findings;
    return result.findings.map((finding) => ({
      ...finding,
      regions: finding.regions?.map((region) => scaled(region, scale)),
    }));
  } catch (error) {
    console.warn("Vigie: faces not checked:", error);
    return [notChecked(`face detection failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}
