// npm run bench (photo part): metadata analysis and lossless strip of the same files,
// natively (vigie_image_bench) and in the wasm build in Node, side by side with medians,
// p95 and the wasm/native ratio.
//   node tools/bench/image-bench.mjs [--build DIR] [--runs N] FILE...
// The wasm calls are the extension's: analyzeImage copies the file into the wasm heap and
// returns JS objects; stripImage copies the clean file out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEngineModule } from '../../wasm/node-loader.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values, positionals: files } = parseArgs({
  options: { build: { type: 'string', default: 'build' }, runs: { type: 'string', default: '200' } },
  allowPositionals: true,
});
const runs = Math.max(1, Number(values.runs));
const stripRuns = Math.max(5, Math.floor(runs / 4)); // as vigie_image_bench does
const packPath = path.join(root, values.build, 'pack/chu-nantes.json');

// Native: its Markdown table on stdout ("| file | size | parse m / p ms | analyse ... | strip ... | n |").
const nativeTable = execFileSync(
  path.join(root, values.build, 'tests/image/vigie_image_bench'),
  ['--pack', packPath, '--runs', String(runs), ...files],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
);
process.stdout.write(nativeTable);
const native = new Map();
for (const line of nativeTable.split('\n').slice(2)) {
  const cells = line.split('|').map((cell) => cell.trim());
  if (cells.length < 7) continue;
  const pair = (cell) => cell.match(/[\d.]+/g).map(Number);
  native.set(cells[1], { analyse: pair(cells[4]), strip: pair(cells[5]), findings: Number(cells[6]) });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * 95) / 100))];
function measure(count, body) {
  body(); // warm-up
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return [median(times), p95(times)];
}

const mod = await loadEngineModule();
const engine = new mod.Engine(fs.readFileSync(packPath, 'utf8'), 'chu-nantes.json');
if (!engine.ok()) throw new Error(engine.error());

const ms = (x) => x.toFixed(x >= 10 ? 1 : x >= 1 ? 2 : 3);
const pair = ([m, p]) => `${ms(m)} / ${ms(p)} ms`;
const ratio = (wasm, nat) => (nat > 0 ? `${(wasm / nat).toFixed(1)}x` : 'n/a');
console.log('\nPhotos, wasm (Node) beside native, same files, median / p95:');
console.log('| file | size | analyse native | analyse wasm | wasm/native | strip native | strip wasm | wasm/native | findings native / wasm |');
console.log('|---|---|---|---|---|---|---|---|---|');
const targets = [];
for (const file of files) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  let findings = 0;
  const analyse = measure(runs, () => {
    const result = engine.analyzeImage(bytes, {});
    if (result.error) throw new Error(`${file}: ${result.error}`);
    findings = result.findings.length;
  });
  const strip = measure(stripRuns, () => {
    const result = engine.stripImage(bytes);
    if (result.error) throw new Error(`${file}: ${result.error}`);
  });
  const n = native.get(file) ?? { analyse: [NaN, NaN], strip: [NaN, NaN], findings: NaN };
  console.log(
    `| ${path.basename(file)} | ${(bytes.length / 1e6).toFixed(1)} MB | ${pair(n.analyse)} | ${pair(analyse)} | ${ratio(analyse[0], n.analyse[0])} ` +
      `| ${pair(n.strip)} | ${pair(strip)} | ${ratio(strip[0], n.strip[0])} | ${n.findings} / ${findings} |`,
  );
  targets.push({ file, analyse, strip });
}
engine.delete();
const phone = targets[0];
if (phone) {
  console.log(`\nTargets (issue 5, ${path.basename(phone.file)} in wasm, median): analyse ${ms(phone.analyse[0])} ms (goal < 5 ms), ` +
    `strip ${ms(phone.strip[0])} ms (goal < 50 ms). The extension adds base64 both ways and one runtime message.`);
}
