#!/usr/bin/env bash
# Draws the extension's icons (extension/static/icons/vigie-SIZE.png) with ImageMagick:
# a white "V" on the hospital blue, with the amber dot of a warning. The PNGs are kept in
# the repository; run this only to change the design.
set -euo pipefail
cd "$(dirname "$0")/../../extension/static/icons"
convert -size 512x512 xc:none \
  -fill '#0b4f8a' -draw 'roundrectangle 16,16 495,495 104,104' \
  -fill white -draw 'polygon 104,120 200,120 256,320 312,120 408,120 296,408 216,408' \
  -fill '#f2a900' -stroke '#0b4f8a' -strokewidth 20 -draw 'circle 404,108 404,168' \
  vigie-master.png
for size in 16 32 48 128; do
  convert vigie-master.png -resize "${size}x${size}" -strip "vigie-${size}.png"
done
rm vigie-master.png
