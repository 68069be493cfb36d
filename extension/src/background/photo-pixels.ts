// The pixels of an attached photo for the detectors that look at the picture (faces, codes):
// the browser decodes the file once, off the page, and each detector asks for the picture
// downscaled to the longest side it needs (never upscaled).

import type { ImageFinding } from "../shared/messages";
import { shrinkFactor } from "./picture-size.mjs";

export interface PhotoPixels {
  image: ImageData;
  /** Photo pixels per pixel of `image` (1 when not downscaled): regions are multiplied by it. */
  scale: number;
}

export interface DecodedPhoto {
  /**
   * The picture at most `maxSide` pixels on its longest side, or keeping `minShortSide` of its
   * shorter side when that would leave less (picture-size.mjs).
   */
  pixels(maxSide: number, minShortSide?: number): PhotoPixels;
  /** Frees the decoded bitmap: call once every detector is done. */
  close(): void;
}

/** The photo decoded by the browser; null when this browser cannot decode it (HEIC in Chromium). */
export async function decodePhoto(bytes: Uint8Array<ArrayBuffer>): Promise<DecodedPhoto | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes]));
  } catch {
    return null;
  }
  const drawn = new Map<number, PhotoPixels>();
  return {
    pixels(maxSide, minShortSide) {
      const factor = shrinkFactor(bitmap.width, bitmap.height, maxSide, minShortSide);
      const width = Math.max(1, Math.round(bitmap.width / factor));
      const height = Math.max(1, Math.round(bitmap.height / factor));
      const known = drawn.get(width);
      if (known) return known;
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext("2d", { willReadFrequently: true });
      if (!context) throw new Error("no 2D canvas");
      context.imageSmoothingQuality = "high";
      context.drawImage(bitmap, 0, 0, width, height);
      // One factor for both axes, from the longer side: they differ only by the rounding of a
      // pixel, which on the shorter side of a long strip would shift the far end's boxes.
      const scale = Math.max(bitmap.width, bitmap.height) / Math.max(width, height);
      const pixels = { image: context.getImageData(0, 0, width, height), scale };
      drawn.set(width, pixels);
      return pixels;
    },
    close() {
      bitmap.close();
      drawn.clear();
    },
  };
}

/** Findings whose regions were found in downscaled pixels, with their regions in the photo's pixels. */
export function inPhotoPixels(findings: ImageFinding[], scale: number): ImageFinding[] {
  if (scale === 1) return findings;
  return findings.map((finding) => ({
    ...finding,
    regions: finding.regions?.map((region) => ({
      ...region,
      x: Math.round(region.x * scale),
      y: Math.round(region.y * scale),
      w: Math.round(region.w * scale),
      h: Math.round(region.h * scale),
    })),
  }));
}
