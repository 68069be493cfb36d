#!/usr/bin/env bash
# npm run bench: the engine natively and in wasm, beside two JS peers, on the
# same inputs in one run; then the extension's and inbox's benchmarks when
# they exist. Not part of npm test: timings belong here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/dev/build.sh
node tools/bench/engine-bench.mjs
bash tools/bench/image-bench.sh build
bash tools/bench/faces-bench.sh build build-wasm
# Photos of the image evaluation: faces, codes, OCR per photo, memory, shipped sizes.
bash tools/eval/images/ensure-packages.sh
node tools/bench/photo-bench.mjs --wasm build-wasm/wasm --bin build/bin/vigie --dist dist/chromium
for extra in tools/bench/extension-bench.mjs tools/bench/inbox-bench.mjs; do
  [[ -f $extra ]] && node "$extra"
done
exit 0
