// Loads the wasm engine in Node (tests, benchmarks). Debian's Emscripten
// loader cannot fetch a file path under Node, so the bytes are passed in.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const wasmBuildDir = path.join(repoRoot, 'build-wasm', 'wasm');

/** Returns the Emscripten module: `new mod.Engine(packJson, name)`, `mod.version()`. */
export async function loadEngineModule(dir = wasmBuildDir) {
  const { default: createVigieEngine } = await import(
    pathToFileURL(path.join(dir, 'vigie_engine.mjs')).href
  );
  return createVigieEngine({ wasmBinary: fs.readFileSync(path.join(dir, 'vigie_engine.wasm')) });
}
