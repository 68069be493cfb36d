#!/usr/bin/env bash
# Benchmark of photo metadata analysis and stripping, native and wasm, on a 12-megapixel phone-like
# JPEG (4000x3000, made once from skimage's public-domain astronaut with
# ImageMagick, with EXIF/GPS, XMP, IPTC and a thumbnail written by ExifTool).
#   tools/bench/image-bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
cmake --build "$build" --target vigie_image_bench default_pack >/dev/null
data="$build/bench-data"
photo="$data/phone-12mp.jpg"
if [[ ! -f $photo ]]; then
  mkdir -p "$data"
  convert /usr/lib/python3/dist-packages/skimage/data/astronaut.png -resize 4000x3000! \
    -attenuate 0.4 +noise Gaussian -quality 92 -strip "$photo"
  convert "$photo" -resize 160x120 "$data/thumb.jpg"
  exiftool -q -q -overwrite_original -Make=Apple "-Model=iPhone 15" -Software=17.1 \
    "-DateTimeOriginal=2024:05:17 14:03:22" "-CreateDate=2024:05:17 14:03:22" \
    -GPSLatitude=47.2120 -GPSLatitudeRef=N -GPSLongitude=1.5540 -GPSLongitudeRef=W \
    -GPSAltitude=35 -GPSImgDirection=120 "-Artist=Jean Dupont" \
    "-ImageDescription=Mme Durand, chambre 12" "-XMP-dc:Creator=Jean Dupont" \
    "-IPTC:By-line=Paul Martin" "-ThumbnailImage<=$data/thumb.jpg" "$photo"
fi
# The native table, then the wasm build on the same files beside it (image-bench.mjs).
node tools/bench/image-bench.mjs --build "$build" "$photo" node_modules/exif-parser/test/starfish.jpg
