// Cross-check of our BlazeFace runner against MediaPipe's own face detection
// solution (the npm package's JS + wasm, run in Debian's Chromium with WebGL
// on SwiftShader; nothing is fetched). Prints, per picture, MediaPipe's and
// our boxes and scores at MediaPipe's default threshold (0.5 short range, 0.6
// full range). MediaPipe's `full` graph loads face_detection_full_range_sparse
// .tflite, a separately trained (pruned) network: it is served the dense
// face_detection_full_range.tflite instead, the file we run, so both run the
// same weights.
// Not a test: it needs WebGL and takes a few seconds.
//   node tools/bench/faces-reference.mjs [--wasm DIR] [--model short|full] PICTURE...
// Pictures pre-fitted to the model input (128x128 short, 192x192 full) compare
// the networks alone (`convert IN -resize 128x128 -background black -gravity
// center -extent 128x128 OUT`);
// larger ones also compare the resampling (MediaPipe: GPU bilinear; ours:
// area filter).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadEngineModule, wasmBuildDir } from '../../wasm/node-loader.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mediapipe = path.join(root, 'node_modules/@mediapipe/face_detection');
const args = process.argv.slice(2);
let wasmDir = wasmBuildDir;
let model = 'short';
while (args[0] === '--wasm' || args[0] === '--model') {
  if (args[0] === '--wasm') wasmDir = args[1];
  else model = args[1];
  args.splice(0, 2);
}
if (model !== 'short' && model !== 'full') throw new Error('--model is short or full');
const pictures = args.map((p) => path.resolve(p));
const types = { '.js': 'application/javascript', '.wasm': 'application/wasm',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

async function mediapipeBoxes() {
  const browser = await chromium.launch({
    executablePath: process.env.VIGIE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  try {
    const page = await browser.newPage();
    // A made-up origin served from disk: the package files and the pictures.
    await page.route('http://faces.invalid/**', (route) => {
      const name = decodeURIComponent(new URL(route.request().url()).pathname);
      if (name === '/index.html') {
        return route.fulfill({ contentType: 'text/html',
          body: '<script src="face_detection.js"></script>' });
      }
      const file = name.startsWith('/picture/') ? pictures[Number(name.slice(9))]
        : path.join(mediapipe, path.basename(name).replace('full_range_sparse', 'full_range'));
      if (!file || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ contentType: types[path.extname(file)] || 'application/octet-stream',
        body: fs.readFileSync(file) });
    });
    await page.goto('http://faces.invalid/index.html');
    return await page.evaluate(async ({ count, model }) => {
      const detector = new FaceDetection({ locateFile: (f) => `http://faces.invalid/${f}` });
      // Only `model` is set: setting minDetectionConfidence breaks this
      // version's graph (TensorsToDetectionsCalculator loses num_classes).
      detector.setOptions({ model });
      let last = [];
      detector.onResults((r) => { last = r.detections; });
      await detector.initialize();
      const out = [];
      for (let i = 0; i < count; i++) {
        const img = new Image();
        img.src = `http://faces.invalid/picture/${i}`;
        await img.decode();
        await detector.send({ image: img });
        const w = img.naturalWidth;
        const h = img.naturalHeight;
        out.push(last.map((d) => ({
          x: (d.boundingBox.xCenter - d.boundingBox.width / 2) * w,
          y: (d.boundingBox.yCenter - d.boundingBox.height / 2) * h,
          w: d.boundingBox.width * w,
          h: d.boundingBox.height * h,
          // The score's field name is minified in this build.
          score: Object.values(d.Z?.[0] ?? {}).find((v) => typeof v === 'number' && v > 0 && v <= 1),
        })));
      }
      return out;
    }, { count: pictures.length, model });
  } finally {
    await browser.close();
  }
}

function ourBoxes(mod) {
  const file = path.join(mediapipe, `face_detection_${model}_range.tflite`);
  const loaded = mod.loadFaceModel(new Uint8Array(fs.readFileSync(file)));
  if (loaded.error) throw new Error(loaded.error);
  return pictures.map((file) => {
    const [width, height] = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' })
      .split(' ').map(Number);
    const data = execFileSync('convert', [file, '-depth', '8', 'rgba:-'], { maxBuffer: 1 << 28 });
    return mod.detectFaces(new Uint8Array(data), width, height).faces;
  });
}

const show = (faces) => faces.map((f) =>
  `(${f.x.toFixed(1)}, ${f.y.toFixed(1)}, ${f.w.toFixed(1)}x${f.h.toFixed(1)}) ${f.score?.toFixed(3)}`)
  .join('; ') || 'none';

const theirs = await mediapipeBoxes();
const ours = ourBoxes(await loadEngineModule(wasmDir));
console.log('| picture | MediaPipe (x, y, w x h) score | Vigie (x, y, w x h) score |');
console.log('|---|---|---|');
pictures.forEach((file, i) => {
  console.log(`| ${path.basename(file)} | ${show(theirs[i])} | ${show(ours[i])} |`);
});
