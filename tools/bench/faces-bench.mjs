// Time per face detection in the wasm build (the extension's path: RGBA
// pixels copied into wasm, letterbox, network, NMS), per model and picture.
//   node tools/bench/faces-bench.mjs --wasm DIR MODEL... -- PICTURE...
// Prints a markdown table: median process CPU ms (steadier on a loaded
// machine) and wall ms per detection.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngineModule, wasmBuildDir } from '../../wasm/node-loader.mjs';

const args = process.argv.slice(2);
let wasmDir = wasmBuildDir;
if (args[0] === '--wasm') {
  wasmDir = args[1];
  args.splice(0, 2);
}
const split = args.indexOf('--');
const models = args.slice(0, split);
const pictures = args.slice(split + 1);

function rgba(file) {
  const [width, height] = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' })
    .split(' ').map(Number);
  const data = execFileSync('convert', [file, '-depth', '8', 'rgba:-'], { maxBuffer: 1 << 28 });
  return { data: new Uint8Array(data), width, height };
}

const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];

const mod = await loadEngineModule(wasmDir);
console.log('| model | picture | pixels | faces | wasm CPU ms (median) | wasm wall ms (median) |');
console.log('|---|---|---|---|---|---|');
const decoded = pictures.map((file) => ({ file, ...rgba(file) }));
for (const model of models) {
  const loaded = mod.loadFaceModel(new Uint8Array(fs.readFileSync(model)));
  if (loaded.error) throw new Error(`${model}: ${loaded.error}`);
  for (const { file, data, width, height } of decoded) {
    const cpu = [];
    const wall = [];
    let faces = 0;
    const start = performance.now();
    while (wall.length < 100 && (wall.length < 10 || performance.now() - start < 3000)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      faces = mod.detectFaces(data, width, height).faces.length;
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    console.log(`| ${path.basename(model)} | ${path.basename(file)} | ${width}x${height} | ${faces} | ` +
      `${median(cpu).toFixed(1)} | ${median(wall).toFixed(1)} |`);
  }
}
