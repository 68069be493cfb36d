// How much a photo is shrunk before an analysis looks at it, in one place: the extension
// (photo-pixels.ts, face-host.ts) and the Node evaluation and benchmark
// (tools/eval/images/detectors.mjs).

/** Canvas sides stay well under Chromium's limit (32767 pixels). */
const MAX_CANVAS_SIDE = 16384;

/**
 * The face detector's picture: 1024 pixels on the longest side (it sees the whole picture at
 * 128 and tiles of 0.75 of the longer side at 192, so more is wasted), but a long strip keeps
 * 192 pixels of its height: its tiles are the strip's height seen at 192, and its faces are
 * about as high as the strip (a 20000 x 200 panorama of a row of people shrunk to 1024 pixels
 * is 10 pixels high: no face is left in it).
 */
export const FACE_PICTURE = { maxSide: 1024, minShortSide: 192 };

/**
 * Photo pixels per analysed pixel (1: not shrunk, never enlarged): the longest side at most
 * `maxSide`, unless that leaves the shorter side under `minShortSide`; then the shorter side
 * keeps that much, as long as the longest side fits a canvas.
 */
export function shrinkFactor(width, height, maxSide, minShortSide = 0) {
  const longer = Math.max(width, height);
  const shorter = Math.min(width, height);
  const keepingShortSide = Math.min(longer / maxSide, shorter / minShortSide);
  return Math.max(1, keepingShortSide, longer / MAX_CANVAS_SIDE);
}
