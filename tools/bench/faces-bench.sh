#!/usr/bin/env bash
# Benchmark of face detection, native and wasm, with the BlazeFace short- and
# full-range models, on skimage's astronaut (public domain) at 128x128 (the
# short-range input), 512x512, 1024x1024 (the issue's target size) and
# 4000x3000 (a phone photo), made once with ImageMagick.
#   tools/bench/faces-bench.sh [BUILD_DIR] [WASM_BUILD_DIR]
#   (defaults: build, build-wasm)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
wasm=${2:-build-wasm}
cmake --build "$build" --target faces_bench >/dev/null
data="$build/bench-data"
mkdir -p "$data"
astronaut=/usr/lib/python3/dist-packages/skimage/data/astronaut.png
for size in 128x128 1024x1024 4000x3000; do
  [[ -f $data/astronaut-$size.png ]] || convert "$astronaut" -resize "$size!" "$data/astronaut-$size.png"
done
pictures=("$data/astronaut-128x128.png" "$astronaut" "$data/astronaut-1024x1024.png"
          "$data/astronaut-4000x3000.png")
models=(node_modules/@mediapipe/face_detection/face_detection_short_range.tflite
        node_modules/@mediapipe/face_detection/face_detection_full_range.tflite)
for model in "${models[@]}"; do
  echo "native, $(basename "$model"):"
  "$build/bin/faces_bench" "$model" "${pictures[@]}"
done
echo "wasm:"
node tools/bench/faces-bench.mjs --wasm "$wasm/wasm" "${models[@]}" -- "${pictures[@]}"
