// npm run bench (photos, part 2): time per photo of the three picture analyses in wasm
// (Node), on the labelled photos of the image evaluation (tools/eval/images/set.json), through
// the extension's code paths (tools/eval/images/detectors.mjs); memory; and the compressed
// size of the wasm and models the extension ships, against the targets.
//   node tools/bench/photo-bench.mjs [--wasm DIR] [--pack FILE | --bin VIGIE] [--dist DIR] [--out DIR]
//                                    [--only faces,codes,text]
// Faces at 1024 px on every photo (tools/bench/faces-bench.sh times one picture per size and
// model); codes on every photo at the extension's size; OCR on the photos with text and a few
// without. Decoding the files is not timed (the browser does it in the extension).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import {
  detectFaces, FACE_PICTURE, hasCodeFindings, hasTextFindings, rgbaPixels,
} from '../eval/images/detectors.mjs';
import { repoRoot } from '../eval/images/set.mjs';
import { fromRoot, SETUP_OPTIONS, setUp } from '../eval/images/setup.mjs';

const { values } = parseArgs({
  options: {
    ...SETUP_OPTIONS,
    dist: { type: 'string', default: 'dist/chromium' },
    only: { type: 'string', default: 'faces,codes,text' },
  },
});
const only = new Set(values.only.split(','));
const MB = 1e6;

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (bytes) => `${(bytes / MB).toFixed(2)} MB`;
/** Peak resident memory of the process so far (worker threads included). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Wall and process CPU times of one analysis (CPU is steadier on a loaded machine), per photo. */
function series() {
  return {
    times: [], cpu: [], ids: [],
    add(id, [wall, cpu]) { this.times.push(wall); this.cpu.push(cpu); this.ids.push(id); },
  };
}
const slowest = ({ times, ids }) => {
  const i = times.indexOf(Math.max(...times));
  return `${ids[i]} (${ms(times[i])} ms)`;
};

/** [wall, CPU] milliseconds FN takes; CPU counts every thread of the process (tesseract's worker too). */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000];
}

const rssAtStart = peakRss();
const { images, mod, engine } = await setUp(values, 'photo-bench');
const rows = [];
const memory = [];

// Faces: every photo, each detection once after one warm-up (as face-host.ts: 1024 px).
if (only.has('faces')) {
  detectFaces(engine, rgbaPixels(images[0].file, FACE_PICTURE));
  const measured = series();
  for (const image of images) {
    const pixels = rgbaPixels(image.file, FACE_PICTURE);
    measured.add(image.id, await timed(() => detectFaces(engine, pixels)));
  }
  const model = path.basename(values['face-model'], '.tflite');
  rows.push([`faces (engine.detectFaces, ${model}, ${FACE_PICTURE.maxSide} px)`, measured, '< 60 ms', 60]);
  memory.push(['engine wasm heap after faces', mod.HEAPU8.byteLength]);
}

if (only.has('codes') && hasCodeFindings(engine)) {
  const { CODE_SETTINGS, loadZxing, pixelsOf, readCodes } = await import('../eval/images/code-reader.mjs');
  const zxing = await loadZxing();
  await readCodes(pixelsOf(images[0].file));
  const measured = series();
  for (const image of images) {
    // Each pass's pixels are made before the clock starts (the browser draws them in the extension).
    const pixelsAt = pixelsOf(image.file);
    measured.add(image.id, await timed(async () => engine.codeFindings(await readCodes(pixelsAt))));
  }
  const passes = CODE_SETTINGS.passes.map((pass) => `${pass.options.formats.join('+')} ${pass.maxSide} px`).join(', ');
  rows.push([`codes (zxing-wasm: ${passes}; + engine.codeFindings)`, measured, '< 100 ms', 100]);
  memory.push(['zxing wasm heap after codes', zxing.HEAPU8.byteLength]);
} else if (only.has('codes')) {
  rows.push(['codes: not yet (this engine build has no codeFindings)', null, '< 100 ms']);
}

if (only.has('text') && hasTextFindings(engine)) {
  const { startTextReader } = await import('../eval/images/text-reader.mjs');
  const { OCR_SETTINGS } = await import('../../extension/src/offscreen/ocr-settings.mjs');
  const rssBefore = peakRss();
  const reader = await startTextReader(engine);
  // Photos with text, and every fifth photo without (OCR runs on whatever the user attaches).
  const chosen = images.filter((image, i) => image.text !== null || i % 5 === 0);
  const measured = series();
  try {
    await reader.read(chosen[0].file);
    for (const image of chosen) {
      const shrunk = rgbaPixels(image.file, OCR_SETTINGS.maxSide);
      measured.add(image.id, await timed(() => reader.readShrunk(shrunk)));
    }
  } finally {
    await reader.close();
  }
  const what = `tesseract.js ${OCR_SETTINGS.lang} (ocr-strategy.mjs passes) + engine.textInImageFindings, ${OCR_SETTINGS.maxSide} px`;
  rows.push([`OCR (${what})`, measured, '< 1.5 s', 1500]);
  memory.push(['peak RSS growth during OCR (tesseract worker thread)', Math.max(0, peakRss() - rssBefore)]);
} else if (only.has('text')) {
  rows.push(['OCR: not yet (this engine build has no textInImageFindings)', null, '< 1.5 s']);
}
memory.push(['engine wasm heap at the end', mod.HEAPU8.byteLength]);
memory.push(['peak RSS growth of the whole run', Math.max(0, peakRss() - rssAtStart)]);

console.log(`\nPhotos, time per photo in wasm (Node ${process.version}), ${images.length} photos of the image evaluation:`);
console.log('| analysis | photos | median | p95 | CPU median / p95 | slowest | target | |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, measured, target, limit] of rows) {
  if (!measured) {
    console.log(`| ${name} | | | | | | ${target} | |`);
    continue;
  }
  const { times, cpu } = measured;
  const verdict = p95(times) < limit ? 'met' : median(times) < limit ? 'median met, p95 over' : 'NOT MET';
  const cells = [name, times.length, `${ms(median(times))} ms`, `${ms(p95(times))} ms`,
    `${ms(median(cpu))} / ${ms(p95(cpu))} ms`, slowest(measured), target, verdict];
  console.log(`| ${cells.join(' | ')} |`);
}
console.log('\n| memory | size |\n|---|---|');
for (const [name, bytes] of memory) console.log(`| ${name} | ${mb(bytes)} |`);

// What the extension ships for the photo analyses, gzip -9 each.
const dist = fromRoot(values.dist);
const SHIPPED = /\.(wasm|tflite)$|traineddata|^ocr\/.*\.js$|^zxing\/|vigie_engine\.m?js$/;
const files = [];
(function walk(dir) {
  for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (SHIPPED.test(path.relative(dist, file))) files.push(file);
  }
})(dist);
console.log(`\nWasm and models in ${path.relative(repoRoot, dist)}, gzip -9 (target: under 6 MB in total):`);
if (!files.length) {
  console.log('(nothing found: build the extension first, e.g. npm run build, or VIGIE_DIST=... ' +
    'node extension/build.mjs --no-zip)');
} else {
  console.log('| file | size | gzip -9 |\n|---|---|---|');
  let total = 0;
  for (const file of files.sort()) {
    const bytes = fs.readFileSync(file);
    const packed = zlib.gzipSync(bytes, { level: 9 }).length;
    total += packed;
    console.log(`| ${path.relative(dist, file)} | ${mb(bytes.length)} | ${mb(packed)} |`);
  }
  console.log(`| total | | ${mb(total)} (${total} bytes): ${total < 6 * MB ? 'under' : 'OVER'} 6 MB |`);
}
