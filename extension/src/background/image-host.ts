// Photos for the engine (issue 5): base64 in, the engine's analysis or the clean copy out.
// Runtime messages are JSON, so the bytes cross as base64; they are decoded once here and
// handed to the wasm engine, which copies them into its heap once.

import type { Platform } from "../shared/findings";
import { t } from "../shared/i18n";
import type { ImageAnalysisResponse, ImageFinding } from "../shared/messages";
import { notChecked, PICTURE } from "../shared/not-checked";
import { engine } from "./engine-host";
import { codeFindings } from "./code-host";
import { faceFindings } from "./face-host";
import { decodePhoto } from "./photo-pixels";
import { fromBase64, toBase64 } from "../shared/base64";

/** GIF's signature ("GIF87a"/"GIF89a"): the engine reads no GIF metadata, the browser decodes its first frame. */
const isGif = (bytes: Uint8Array) => bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 4)) === "GIF8";

/**
 * When the browser cannot decode the picture, nothing in it was looked at (faces, codes, text):
 * a warning, so the photo is held and the user sees it before it goes (she may believe Vigie
 * checked an iPhone HEIC showing a patient's face).
 */
function pictureNotChecked(): ImageFinding {
  return { ...notChecked(PICTURE, t("attachPictureNotChecked"), "the browser could not decode the picture"), severity: "warning" };
}

/** What the file's metadata says, then what the picture shows (faces and codes, issue 6). */
export async function analyzeImage(base64: string, platform: Platform, affiliated: boolean): Promise<ImageAnalysisResponse> {
  const bytes = fromBase64(base64);
  const read = (await engine()).engine.analyzeImage(bytes, { platform, affiliated });
  let result: ImageAnalysisResponse;
  if (!("error" in read)) result = read;
  else if (isGif(bytes)) result = { findings: [], metadata: { container: "gif" } };
  else throw new Error(read.error);
  // The photo is decoded once for both detectors.
  const photo = await decodePhoto(bytes);
  if (!photo) return { ...result, findings: [...result.findings, pictureNotChecked()] };
  try {
    const faces = await faceFindings(photo);
    const codes = await codeFindings(photo, { platform, affiliated });
    return { ...result, findings: [...result.findings, ...faces, ...codes] };
  } finally {
    photo.close();
  }
}

export async function stripImage(base64: string): Promise<{ base64: string }> {
  const result = (await engine()).engine.stripImage(fromBase64(base64));
  if ("error" in result) throw new Error(result.error);
  return { base64: toBase64(result.bytes) };
}
