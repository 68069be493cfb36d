// How a photo is read, in one place: the extension (offscreen/ocr-runner.ts, Firefox's
// background too) and the Node evaluation, benchmark and tests call readPicture() with their
// own tesseract.js worker.
//
//  - A first pass reads the picture as it is, in colour (PPM). Only when that reading is weak
//    (few confident words, or a low mean confidence) do further passes read it again in grey
//    (PGM), turned the way its ink's lines run: a page photographed tilted, sideways or upside
//    down. Tesseract's layout finds no line beyond about 4 degrees of tilt and reads some
//    sideways text as confident nonsense; it thresholds colour channel by channel, which lost a
//    blurred, pale whiteboard that grey read whole (and grey alone lost a tilted wristband that
//    colour read: hence colour first). The orientation comes from a projection profile of the
//    ink (cheap, no model: tesseract's OSD needs osd.traineddata, which Vigie does not ship);
//    the reading with the best score (mean confidence x confident words) wins.
//  - Boxes come back in the picture's own pixels, times `scale`, whatever the pass turned.

import { wordsOf } from "./ocr-settings.mjs";

/** A word at or above this confidence counts as read (the pack's default min_confidence). */
const CONFIDENT = 70;
/** A reading with fewer confident words, or a lower mean confidence, is retried turned. */
const STRONG_WORDS = 3;
const STRONG_MEAN = 60;
/** Tilts tried by the profile, in degrees either way, and the smallest worth a pass. */
const MAX_TILT = 20;
const MIN_TILT = 2;
/** The profile runs on the picture shrunk to this side (text lines stay apart). */
const PROFILE_SIDE = 400;
/** The first pass's share of the progress bar; retries share the rest. */
const FIRST_SHARE = 0.6;

/** Grey levels (Rec. 601 luma) of RGBA pixels. */
function grey({ data, width, height }) {
  const out = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < out.length; i += 1, p += 4) {
    out[i] = (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
  }
  return { data: out, width, height };
}

/**
 * A binary PGM (P5) of grey pixels, or PPM (P6) of RGBA ones: Leptonica reads them as they
 * are. No image encoder: in Chromium's offscreen document (a hidden page) canvas.convertToBlob()
 * waited about a second per photo, longer than the reading of a label itself.
 */
function netpbm({ data, width, height }) {
  const colour = data.length === width * height * 4;
  const header = new TextEncoder().encode(`${colour ? "P6" : "P5"}\n${width} ${height}\n255\n`);
  const bytes = new Uint8Array(header.length + width * height * (colour ? 3 : 1));
  bytes.set(header);
  if (!colour) {
    bytes.set(data, header.length);
    return bytes;
  }
  for (let i = header.length, p = 0; p < data.length; p += 4) {
    bytes[i++] = data[p];
    bytes[i++] = data[p + 1];
    bytes[i++] = data[p + 2];
  }
  return bytes;
}

/** Grey pixels turned clockwise by `turn` (0, 90, 180 or 270 degrees). */
function turned(image, turn) {
  if (turn === 0) return image;
  const { data, width: w, height: h } = image;
  const out = new Uint8Array(data.length);
  const sideways = turn === 90 || turn === 270;
  const ow = sideways ? h : w;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const v = data[y * w + x];
      if (turn === 90) out[x * ow + (h - 1 - y)] = v;
      else if (turn === 270) out[(w - 1 - x) * ow + y] = v;
      else out[(h - 1 - y) * w + (w - 1 - x)] = v;
    }
  }
  return { data: out, width: ow, height: sideways ? w : h };
}

/**
 * A box read on the picture (width x height) turned by `turn` then rotated by `tilt` radians
 * (clockwise, about the centre, same size: Leptonica's pixRotate as tesseract.js's
 * rotateRadians uses it), back in the picture's own pixels: the bounding box of its corners.
 */
function boxBack({ x, y, w, h }, { turn, tilt }, width, height) {
  const [tw, th] = turn === 90 || turn === 270 ? [height, width] : [width, height];
  const cx = tw / 2;
  const cy = th / 2;
  const cos = Math.cos(tilt);
  const sin = Math.sin(tilt);
  const xs = [];
  const ys = [];
  for (const [u0, v0] of [[x, y], [x + w, y], [x, y + h], [x + w, y + h]]) {
    // Undo the tilt (rotate back by -tilt about the centre), then the quarter turn.
    const u = cx + (u0 - cx) * cos + (v0 - cy) * sin;
    const v = cy - (u0 - cx) * sin + (v0 - cy) * cos;
    const [px, py] = turn === 90 ? [v, height - u] : turn === 270 ? [width - v, u] : turn === 180 ? [width - u, height - v] : [u, v];
    xs.push(px);
    ys.push(py);
  }
  const left = Math.max(0, Math.min(...xs));
  const top = Math.max(0, Math.min(...ys));
  const right = Math.min(width, Math.max(...xs));
  const bottom = Math.min(height, Math.max(...ys));
  return { x: left, y: top, w: Math.max(0, right - left), h: Math.max(0, bottom - top) };
}

/** Otsu's threshold of grey pixels. */
function otsu(data) {
  const histogram = new Float64Array(256);
  for (const v of data) histogram[v] += 1;
  let sum = 0;
  for (let i = 0; i < 256; i += 1) sum += i * histogram[i];
  let below = 0;
  let belowSum = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t += 1) {
    below += histogram[t];
    if (below === 0 || below === data.length) continue;
    belowSum += t * histogram[t];
    const above = data.length - below;
    const gap = belowSum / below - (sum - belowSum) / above;
    const between = below * above * gap * gap;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * How the ink's strokes line up: {vertical, tilt} (degrees, clockwise), the angle at which the
 * ink's rows (or columns) are most uneven, as lines of text make them. Ink is the minority
 * side of Otsu's threshold (dark print on paper, light text on a dark screen).
 */
function inkOrientation(image) {
  const step = Math.max(1, Math.ceil(Math.max(image.width, image.height) / PROFILE_SIDE));
  const { data, width, height } = image;
  const small = [];
  for (let y = 0; y < height; y += step) for (let x = 0; x < width; x += step) small.push(data[y * width + x]);
  const threshold = otsu(small);
  const dark = small.filter((v) => v <= threshold).length;
  const inkIsDark = dark <= small.length / 2;
  const ink = [];
  const columns = Math.ceil(width / step);
  small.forEach((v, i) => {
    if (v <= threshold === inkIsDark) ink.push(i % columns, Math.floor(i / columns));
  });
  const reach = Math.ceil(Math.hypot(columns, small.length / columns)) + 1;
  const bins = new Float64Array(2 * reach + 1);
  let best = { vertical: false, tilt: 0, score: -1 };
  for (const vertical of [false, true]) {
    for (let degrees = -MAX_TILT; degrees <= MAX_TILT; degrees += 1) {
      const a = (degrees * Math.PI) / 180;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      bins.fill(0);
      for (let i = 0; i < ink.length; i += 2) {
        const px = ink[i];
        const py = ink[i + 1];
        // The distance across the lines tilted by `a` (rows) or turned a quarter (columns).
        const across = vertical ? px * cos + py * sin : py * cos - px * sin;
        bins[reach + Math.round(across)] += 1;
      }
      let score = 0;
      for (const n of bins) score += n * n;
      if (score > best.score) best = { vertical, tilt: degrees, score };
    }
  }
  return { vertical: best.vertical, tilt: best.tilt };
}

/** How well a pass read: strong enough to stop, text seen at all (words, even unsure), score. */
function measure(words) {
  const confident = words.filter((w) => w.confidence >= CONFIDENT && w.text.trim().length > 1).length;
  const mean = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  const seen = words.filter((w) => w.text.trim().length >= 3).length >= STRONG_WORDS;
  return { score: confident * mean, strong: confident >= STRONG_WORDS && mean >= STRONG_MEAN, seen };
}

/**
 * The passes worth trying after a weak first reading, in grey: the picture turned so that its
 * ink's lines run across: [this way, the other way round] (sideways: both quarter turns;
 * else upright, then upside down).
 */
function retries(image) {
  const { vertical, tilt } = inkOrientation(image);
  // Lines tilted clockwise by t (in any quarter turn) read straight rotated back by -t.
  const back = Math.abs(tilt) >= MIN_TILT ? (-tilt * Math.PI) / 180 : 0;
  if (vertical) return [{ turn: 90, tilt: back }, { turn: 270, tilt: back }];
  return [{ turn: 0, tilt: back }, { turn: 180, tilt: back }];
}

function abortError() {
  return new DOMException("reading cancelled", "AbortError");
}

/**
 * The words of a picture ({data, width, height} RGBA, as ImageData holds them), boxes in its
 * pixels times `scale`. `recognise(netpbmBytes, options, onPassProgress)` runs one tesseract.js
 * pass (options: {rotateRadians}) and resolves with its data (blocks output). `onProgress`
 * gets the fraction of the whole reading; `signal` stops before the next pass.
 */
export async function readPicture(picture, recognise, { scale = 1, onProgress = () => undefined, signal } = {}) {
  let image = null;
  let best = null;
  /** One pass: the picture in colour as it is, or in grey turned and tilted. */
  const pass = async ({ turn, tilt, colour = false }, from, share) => {
    if (signal?.aborted) throw abortError();
    const bytes = netpbm(colour ? picture : turned(image, turn));
    const data = await recognise(bytes, tilt ? { rotateRadians: tilt } : {}, (p) => onProgress(from + share * p));
    const words = wordsOf(data).map((word) => {
      const box = boxBack(word, { turn, tilt }, picture.width, picture.height);
      return { ...word, x: Math.round(box.x * scale), y: Math.round(box.y * scale), w: Math.round(box.w * scale), h: Math.round(box.h * scale) };
    });
    const reading = { words, ...measure(words) };
    if (!best || reading.score > best.score) best = reading;
    return reading;
  };
  const first = await pass({ turn: 0, tilt: 0, colour: true }, 0, FIRST_SHARE);
  if (!first.strong) {
    image = grey(picture);
    const [upright, reversed] = retries(image);
    const share = (1 - FIRST_SHARE) / 2;
    const straightened = await pass(upright, FIRST_SHARE, share);
    // The other way round only when the first way saw text it could not read.
    if (!straightened.strong && straightened.seen) await pass(reversed, FIRST_SHARE + share, share);
  }
  onProgress(1);
  return best.words;
}
