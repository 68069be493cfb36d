#!/usr/bin/env bash
# npm run eval:images: recall and false alarms of the photo analyses (faces, codes, text) on
# the labelled photos of tools/eval/images/set.json (tools/eval/images/eval.mjs). Not part of
# npm test. Installs the Debian packages that hold the photos and make the generated ones
# (tools/eval/images/ensure-packages.sh); builds nothing: it needs the wasm engine
# (build-wasm/wasm, or VIGIE_WASM_DIR) and the CLI that builds the pack (build/bin/vigie, or
# VIGIE_BIN). Extra arguments go to eval.mjs.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash tools/eval/images/ensure-packages.sh

wasm=${VIGIE_WASM_DIR:-build-wasm/wasm}
if [[ ! -f $wasm/vigie_engine.wasm ]]; then
  echo "eval:images: no wasm engine in $wasm: run npm run build first (it is not rebuilt here)." >&2
  exit 1
fi
exec node tools/eval/images/eval.mjs --wasm "$wasm" "$@"
