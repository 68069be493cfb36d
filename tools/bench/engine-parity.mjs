// Findings of a build on a fixed set of texts, to compare byte for byte
// before and after an engine change (a speed-up must not change a finding):
//
//   node tools/bench/engine-parity.mjs /tmp/before   # on main's builds
//   VIGIE_BIN=build-me/bin/vigie VIGIE_WASM_DIR=build-wasm-me/wasm \
//     node tools/bench/engine-parity.mjs /tmp/after
//   cmp /tmp/before/native.jsonl /tmp/after/native.jsonl
//   cmp /tmp/before/wasm.jsonl /tmp/after/wasm.jsonl
//
// The texts: the labelled corpus in every platform, affiliation and photo
// face variant, the benchmark's 1 MB corpus and long texts (one over the
// cap), and random mixes of pieces that stress offsets and rules.
// native.jsonl is `vigie scan --jsonl`, wasm.jsonl the wasm build's analyze().
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngineModule } from '../../wasm/node-loader.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node tools/bench/engine-parity.mjs OUT_DIR');
  process.exit(2);
}
const vigie = process.env.VIGIE_BIN || path.join(root, 'build/bin/vigie');
const packPath = process.env.VIGIE_PACK || path.join(root, 'build/pack/chu-nantes.json');

const posts = ['dev', 'holdout'].flatMap((part) =>
  fs
    .readFileSync(path.join(root, `packs/chu-nantes/corpus/${part}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line)),
);
const inputs = [];
for (const platform of [undefined, 'facebook', 'x', 'linkedin']) {
  for (const affiliated of [false, true]) {
    for (const photo_faces of [0, 2]) {
      for (const post of posts) {
        inputs.push({ id: `v${inputs.length}`, text: post.text, platform, affiliated, photo_faces });
      }
    }
  }
}
for (let i = 0, bytes = 0; bytes < 1 << 20; i++) {
  const text = posts[i % posts.length].text;
  inputs.push({ id: `c${i}`, text });
  bytes += Buffer.byteLength(text);
}
const textOf = (length) => {
  let text = '';
  for (let i = 0; text.length < length; i++) text += posts[i % posts.length].text + '\n';
  return text.slice(0, length);
};
for (const length of [280, 3000, 60000, 150000]) inputs.push({ id: `len${length}`, text: textOf(length) });
const pieces = ['😀', 'é', 'e\u0301', '👩‍⚕️', '’', ' ', '\n', 'Mme Durand', 'chambre 12',
  '2 55 08 14 168 025 38', '06 12 34 56 78', 'CHU', '🇫🇷', 'connard', 'DUPONT Martine', '. ',
  'Émilie', '\u00a0', 'FR76 3000 6000 0112 3456 7890 189', '12/03/1950', 'photo', 'équipe',
  '@chu_nantes', 'x'];
let seed = 777;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
for (let i = 0; i < 3000; i++) {
  let text = '';
  for (let j = next() % 40; j > 0; j--) text += pieces[next() % pieces.length];
  inputs.push({ id: `g${i}`, text, affiliated: i % 2 === 0, platform: ['x', 'facebook', undefined][i % 3] });
}

fs.mkdirSync(outDir, { recursive: true });
const native = execFileSync(vigie, ['scan', '--jsonl', '--pack', packPath], {
  input: inputs.map((input) => JSON.stringify(input)).join('\n'),
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
fs.writeFileSync(path.join(outDir, 'native.jsonl'), native);

const mod = await loadEngineModule(process.env.VIGIE_WASM_DIR || undefined);
const engine = new mod.Engine(fs.readFileSync(packPath, 'utf8'), path.basename(packPath));
if (!engine.ok()) throw new Error(engine.error());
const lines = inputs.map(({ id, text, platform, affiliated, photo_faces: photoFaces }) =>
  JSON.stringify({ id, findings: engine.analyze(text, { platform, affiliated, photoFaces }) }),
);
fs.writeFileSync(path.join(outDir, 'wasm.jsonl'), lines.join('\n') + '\n');
engine.delete();
console.log(`${inputs.length} texts: ${path.join(outDir, 'native.jsonl')}, ${path.join(outDir, 'wasm.jsonl')}`);
