#!/usr/bin/env bash
# The Debian packages the labelled photos come from or are made with (set.json, recipes.mjs),
# installed once; for npm run eval:images and the photo benchmark, not for npm test.
set -euo pipefail

APT_PACKAGES=(
  python3-skimage python-matplotlib-data facedetect opencv-doc # the real photos
  gimp-help-en scribus-template                                 # more real photos (gimp-help-en's www-browser
                                                                #   dependency: the tests' chromium, else GIMP)
  imagemagick fonts-dejavu-core                                 # decoding; generated photos
  zint dmtx-utils qrencode                                      # generated barcodes and 2D codes
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "vigie: missing Debian packages for the labelled photos (run as root or install them): ${missing[*]}" >&2
  exit 1
fi
echo "vigie: installing Debian packages for the labelled photos: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
