#!/usr/bin/env bash
# Builds the libFuzzer targets of vigie_image (clang, ASan + UBSan) in
# BUILD_DIR and runs each on the seed corpus for SECONDS seconds (default:
# 12 s each, 60 s in total). A crash is copied into
# tests/image/fuzz/regressions/ (where the unit tests replay it) and fails.
#   tests/image/fuzz/run-fuzzers.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${1:-build-fuzz}
seconds=${2:-12}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DVIGIE_IMAGE_FUZZERS=ON -DVIGIE_BUILD_TOOLS=OFF \
    "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    "-DCMAKE_C_FLAGS=-fsanitize=address,undefined" "${launcher[@]}" >/dev/null
fi
targets=(image_fuzzer_jpeg image_fuzzer_png image_fuzzer_webp image_fuzzer_heif image_fuzzer_any)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" image_fuzz_seeds >"$build/fuzz-build.log" 2>&1 || {
  tail -30 "$build/fuzz-build.log" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/seeds/{jpeg,png,webp,heif} "$work/artifacts"
"$build/tests/image/image_fuzz_seeds" "$work/seeds"
regressions=tests/image/fuzz/regressions
status=0
for target in "${targets[@]}"; do
  name=${target#image_fuzzer_}
  corpus="$work/corpus-$name"
  mkdir -p "$corpus"
  if [[ $name == any ]]; then seeds=("$work"/seeds/*); else seeds=("$work/seeds/$name"); fi
  if ! "$build/tests/image/$target" -max_total_time="$seconds" -timeout=5 \
      -rss_limit_mb=1024 -max_len=65536 -artifact_prefix="$work/artifacts/$name-" \
      "$corpus" "${seeds[@]}" >"$work/$name.log" 2>&1; then
    echo "vigie: $target failed; see the input copied into $regressions/" >&2
    tail -20 "$work/$name.log" >&2
    cp "$work"/artifacts/* "$regressions/" 2>/dev/null || true
    status=1
  else
    echo "vigie: $target: $(grep -o 'Done [0-9]* runs' "$work/$name.log" | tail -1) in ${seconds}s"
  fi
done
exit $status
