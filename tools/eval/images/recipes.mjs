// Generated photos of the labelled set: a code (zint, dmtxwrite or qrencode) and/or lines of
// text rendered on a sticker, a page, a screen or a whiteboard (ImageMagick, DejaVu fonts),
// then tilted in perspective, laid on a real photo of the set, blurred and given sensor
// noise with a fixed seed: the same inputs give the same picture on every run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const FONTS = '/usr/share/fonts/truetype/dejavu'; // Debian fonts-dejavu-core
const LONGEST_SIDE = 1600; // about a phone photo shrunk by a messaging app

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`${cmd} failed: ${error.stderr?.toString().trim() || error.message}`);
  }
}

/** Renders `code` ({symbology, data}) as a black-on-white PNG at FILE. */
function renderCode({ symbology, data }, file) {
  const zint = { code128: 20, code39: 8, ean13: 13, pdf417: 55, aztec: 92, datamatrix: 71, qr: 58 };
  if (symbology === 'dmtx') {
    execFileSync('dmtxwrite', ['-m', '6', '-o', file], { input: data });
  } else if (symbology === 'qrencode') {
    run('qrencode', ['-s', '8', '-m', '2', '-o', file, data]);
  } else if (zint[symbology]) {
    const scale = ['datamatrix', 'qr', 'aztec'].includes(symbology) ? '6' : '3';
    // Quiet zones as printed labels have them: readers need the light margin.
    run('zint', ['-b', String(zint[symbology]), '-d', data, `--scale=${scale}`, '--quietzones', '-o', file]);
  } else {
    throw new Error(`unknown symbology ${symbology}`);
  }
}

/** How each kind of support looks: paper, ink, font, size. */
const LOOKS = {
  sticker: { paper: 'white', ink: 'black', font: 'DejaVuSans-Bold.ttf', size: 34, pad: 24 },
  page: { paper: '#f7f5ef', ink: '#1a1a1a', font: 'DejaVuSerif.ttf', size: 30, pad: 70 },
  screen: { paper: '#0b2a4a', ink: '#e8f0ff', font: 'DejaVuSansMono.ttf', size: 30, pad: 40 },
  whiteboard: { paper: '#fbfbf8', ink: '#1f3f9a', font: 'DejaVuSans-BoldOblique.ttf', size: 52, pad: 60 },
};

/** The support (sticker, page...) with its text lines above its code, as a PNG at FILE. */
function renderSupport(recipe, work, file) {
  const look = LOOKS[recipe.kind];
  if (!look) throw new Error(`unknown support ${recipe.kind}`);
  const parts = [];
  // One label per line: ImageMagick's multi-line labels overlap accented lines.
  (recipe.lines ?? []).forEach((line, i) => {
    const text = path.join(work, `line-${i}.png`);
    run('convert', ['-background', look.paper, '-fill', look.ink, '-font', path.join(FONTS, look.font),
      '-pointsize', String(look.size), `label:${line || '\u00a0'}`, text]);
    parts.push(text);
  });
  if (recipe.code) {
    const code = path.join(work, 'code.png');
    renderCode(recipe.code, code);
    parts.push(code);
  }
  // A 10-pixel gap under each part, then the parts stacked (left-aligned on a page).
  const args = ['-background', look.paper, ...parts, '-gravity', 'south', '-splice', '0x10',
    '-gravity', recipe.kind === 'page' ? 'west' : 'center', '-append', '+repage',
    '-bordercolor', look.paper, '-border', String(look.pad)];
  if (recipe.kind === 'screen') args.push('-bordercolor', '#111111', '-border', '28'); // the bezel
  if (recipe.kind === 'page' && recipe.minHeight) args.push('-gravity', 'north', '-extent', `x${recipe.minHeight}`);
  run('convert', [...args, file]);
}

/**
 * Writes the generated picture described by RECIPE to OUT, on the photo BACKGROUND.
 * RECIPE: {kind, lines?, code?, width (share of the photo's width, 0-1), rotate (deg),
 * tilt (perspective, 0-0.3), at ([x, y] centre as shares), blur (sigma px), noise (0-1), seed}.
 */
export function generate(recipe, background, out, work) {
  fs.mkdirSync(work, { recursive: true });
  const support = path.join(work, 'support.png');
  renderSupport(recipe, work, support);
  const bg = path.join(work, 'background.png');
  run('convert', ['-quiet', background + '[0]', '-strip', '-alpha', 'off', '-colorspace', 'sRGB', '-type', 'TrueColor',
    '-resize', `${LONGEST_SIDE}x${LONGEST_SIDE}`, bg]);
  const [bw, bh] = execFileSync('identify', ['-quiet', '-format', '%w %h', bg], { encoding: 'utf8' }).split(' ').map(Number);
  const width = Math.round(bw * recipe.width);
  const placed = path.join(work, 'placed.png');
  // Perspective: the far edge (top) shrinks by `tilt` of the width on each side.
  run('convert', [support, '-resize', `${width}x`, '-alpha', 'set', '-virtual-pixel', 'transparent',
    '+distort', 'Perspective', perspective(support, width, recipe.tilt ?? 0),
    '-background', 'none', '-rotate', String(recipe.rotate ?? 0), placed]);
  const [pw, ph] = execFileSync('identify', ['-quiet', '-format', '%w %h', placed], { encoding: 'utf8' }).split(' ').map(Number);
  const [cx, cy] = recipe.at ?? [0.5, 0.5];
  const x = Math.round(bw * cx - pw / 2);
  const y = Math.round(bh * cy - ph / 2);
  run('convert', [bg, placed, '-geometry', `${x >= 0 ? '+' : ''}${x}${y >= 0 ? '+' : ''}${y}`, '-composite',
    '-blur', `0x${recipe.blur ?? 0.6}`, '-seed', String(recipe.seed ?? 1), '-attenuate', String(recipe.noise ?? 0.4),
    '+noise', 'Gaussian', '-quality', '88', out]);
}

/** Control points that keep the bottom edge and pull the top corners in by `tilt`. */
function perspective(support, w, tilt) {
  const [sw, sh] = execFileSync('identify', ['-quiet', '-format', '%w %h', support], { encoding: 'utf8' }).split(' ').map(Number);
  const h = Math.round((sh * w) / sw);
  const d = Math.round(w * tilt);
  return `0,0 ${d},0  ${w},0 ${w - d},0  ${w},${h} ${w},${h}  0,${h} 0,${h}`;
}
