// Photos for the engine (issue 5): base64 in, the engine's analysis or the clean copy out.
// Runtime messages are JSON, so the bytes cross as base64; they are decoded once here and
// handed to the wasm engine, which copies them into its heap once.

import type { Platform } from "../shared/findings";
import type { ImageAnalysisResponse } from "../shared/messages";
import { engine } from "./engine-host";
import { codeFindings } from "./code-host";
import { faceFindings } from "./face-host";
import { decodePhoto } from "./photo-pixels";
import { fromBase64, toBase64 } from "../shared/base64";

/** What the file's metadata says, then what the picture shows (faces and codes, issue 6). */
export async function analyzeImage(base64: string, platform: Platform, affiliated: boolean): Promise<ImageAnalysisResponse> {
  const bytes = fromBase64(base64);
  const result = (await engine()).engine.analyzeImage(bytes, { platform, affiliated });
  if ("error" in result) throw new Error(result.error);
  // The photo is decoded once for both detectors.
  const photo = await decodePhoto(bytes);
  try {
    const faces = await faceFindings(photo);
    const codes = await codeFindings(photo, { platform, affiliated });
    return { ...result, findings: [...result.findings, ...faces, ...codes] };
  } finally {
    photo?.close();
  }
}

export async function stripImage(base64: string): Promise<{ base64: string }> {
  const result = (await engine()).engine.stripImage(fromBase64(base64));
  if ("error" in result) throw new Error(result.error);
  return { base64: toBase64(result.bytes) };
}
