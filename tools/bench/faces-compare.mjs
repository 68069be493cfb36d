// Face detection time per photo of two (or more) wasm builds side by side, on the image
// evaluation's photos at 1024 px through the extension's code path (as photo-bench.mjs), each
// photo run by every build in turn in one process, so that the load of a shared machine falls
// on all of them alike; and whether they find the same faces.
//   node tools/bench/faces-compare.mjs WASM_DIR... [--pack FILE] [--out DIR]
// Prints, per build, the median and p95 of the process CPU time per photo: the first detection
// (as photo-bench.mjs times it: a photo of another size than the previous one rebuilds the wide
// network) and the best of 3; then the photos whose face count differs between the first build
// and another.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectFaces, FACE_PICTURE, loadEngine, rgbaPixels } from '../eval/images/detectors.mjs';
import { materialise } from '../eval/images/set.mjs';
import { fromRoot } from '../eval/images/setup.mjs';

const { values, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: {
    pack: { type: 'string', default: 'build-eval/images/chu-nantes.json' },
    out: { type: 'string', default: 'build-eval/images' },
  },
});
if (dirs.length < 2) {
  console.error('usage: node tools/bench/faces-compare.mjs WASM_DIR WASM_DIR... [--pack FILE] [--out DIR]\n' +
    '(the pack and the photos come from a run of tools/eval/images/eval.mjs with the same --out)');
  process.exit(2);
}

const images = materialise(fromRoot(values.out));
const engines = [];
for (const dir of dirs) engines.push((await loadEngine(fromRoot(dir), fromRoot(values.pack))).engine);
const photos = images.map((image) => ({ id: image.id, ...rgbaPixels(image.file, FACE_PICTURE) }));

/** [CPU ms of the first, of the fastest of 3 detections, faces]. */
function firstAndBestOf3(engine, photo) {
  let first = 0;
  let best = Infinity;
  let faces = [];
  for (let k = 0; k < 3; ++k) {
    const start = process.cpuUsage();
    faces = detectFaces(engine, photo).faces;
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    if (k === 0) first = ms;
    best = Math.min(best, ms);
  }
  return [first, best, faces];
}

for (const engine of engines) detectFaces(engine, photos[0]);  // warm-up
const firstTimes = dirs.map(() => []);
const times = dirs.map(() => []);
const differing = [];
for (const photo of photos) {
  const counts = engines.map((engine, i) => {
    const [first, best, faces] = firstAndBestOf3(engine, photo);
    firstTimes[i].push(first);
    times[i].push(best);
    return faces.length;
  });
  if (counts.some((n) => n !== counts[0])) differing.push(`${photo.id} (${counts.join(' / ')})`);
}

/** "median ms | p95 ms" of XS. */
function medianAndP95(xs) {
  const v = [...xs].sort((a, b) => a - b);
  const p95 = v[Math.min(v.length - 1, Math.floor(v.length * 0.95))];
  return `${v[Math.floor(v.length / 2)].toFixed(1)} ms | ${p95.toFixed(1)} ms`;
}
console.log('| wasm build | photos | first CPU median | first CPU p95 | best-of-3 CPU median | best-of-3 CPU p95 |\n' +
  '|---|---|---|---|---|---|');
dirs.forEach((dir, i) => {
  console.log(`| ${path.relative(process.cwd(), fromRoot(dir)) || dir} | ${times[i].length} | ` +
    `${medianAndP95(firstTimes[i])} | ${medianAndP95(times[i])} |`);
});
console.log(differing.length ? `\nface counts differ: ${differing.join(', ')}` : '\nsame face count on every photo');
