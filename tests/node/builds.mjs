// Which builds the Node tests run: by default those `npm run build` makes; VIGIE_BIN and
// VIGIE_WASM_DIR point them at other build folders (a developer's own, for instance).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmBuildDir } from '../../wasm/node-loader.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const vigieBin = process.env.VIGIE_BIN || path.join(repoRoot, 'build/bin/vigie');
export const wasmDir = process.env.VIGIE_WASM_DIR || wasmBuildDir;
