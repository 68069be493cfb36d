#!/usr/bin/env bash
# Builds everything: the native core, CLI and tests (build/), the wasm engine
# (build-wasm/), the default rule pack and the extension (dist/). Incremental.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/dev/ensure-deps.sh

jobs=$(nproc)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

# Keeps the log in DIR/build.log and shows its end only when the build fails.
build_quietly() {
  cmake --build "$1" -j"$jobs" >"$1/build.log" 2>&1 || {
    tail -40 "$1/build.log" >&2
    echo "vigie: build failed in $1/ (full log: $1/build.log)" >&2
    exit 1
  }
}

echo "vigie: native build (build/)"
[[ -f build/CMakeCache.txt ]] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
build_quietly build

echo "vigie: wasm build (build-wasm/)"
# Debian's em++ needs Debian's node modules (acorn) on NODE_PATH.
export NODE_PATH=/usr/share/nodejs
[[ -f build-wasm/CMakeCache.txt ]] || emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
build_quietly build-wasm

if [[ -f extension/build.mjs ]]; then
  echo "vigie: extension build (dist/)"
  node extension/build.mjs
fi
