// What the image evaluation and the photo benchmark both start from: their shared command-line
// options, the photos of the set, the pack and the wasm engine, with a clear error for what
// is missing (neither builds anything).
import fs from 'node:fs';
import path from 'node:path';
import { buildPack } from '../eval.mjs';
import { FACE_MODEL, loadEngine } from './detectors.mjs';
import { materialise, repoRoot } from './set.mjs';

/** parseArgs options: --wasm DIR, --pack FILE or --bin VIGIE (builds the pack into --out), --out DIR, --face-model. */
export const SETUP_OPTIONS = {
  wasm: { type: 'string', default: process.env.VIGIE_WASM_DIR ?? 'build-wasm/wasm' },
  pack: { type: 'string' },
  bin: { type: 'string', default: process.env.VIGIE_BIN ?? 'build/bin/vigie' },
  out: { type: 'string', default: 'build-eval/images' },
  'face-model': { type: 'string', default: FACE_MODEL },
};

export const fromRoot = (p) => path.resolve(repoRoot, p);

/** {images, packFile, mod, engine}; exits with one line when the engine or the CLI is missing. */
export async function setUp(values, tool) {
  if (!fs.existsSync(path.join(fromRoot(values.wasm), 'vigie_engine.wasm'))) {
    console.error(`${tool}: no wasm engine in ${values.wasm}: build it first (npm run build).`);
    process.exit(2);
  }
  if (!values.pack && !fs.existsSync(fromRoot(values.bin))) {
    console.error(`${tool}: no CLI at ${values.bin} to build the pack: build it first, or pass --pack FILE.`);
    process.exit(2);
  }
  const images = materialise(fromRoot(values.out));
  const packFile = values.pack
    ? fromRoot(values.pack)
    : buildPack(fromRoot(values.bin), path.join(fromRoot(values.out), 'chu-nantes.json'));
  const { mod, engine } = await loadEngine(fromRoot(values.wasm), packFile, values['face-model']);
  return { images, packFile, mod, engine };
}
