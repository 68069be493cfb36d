#!/usr/bin/env bash
# Installs what the build and the tests need, once: Debian packages (as root) and the
# pinned npm packages (without install scripts: we only want their files).
set -euo pipefail
cd "$(dirname "$0")/../.."

APT_PACKAGES=(
  cmake g++ ccache pkg-config            # native build
  emscripten                             # wasm build (Emscripten 3.1.6)
  nlohmann-json3-dev                     # JSON for the core
  libgtest-dev libgmock-dev              # C++ tests
  libssl-dev                             # Ed25519 signatures in the CLI
  libsqlite3-dev libpq-dev postgresql    # inbox storage and its tests
  libcpp-httplib-dev                     # inbox HTTP server
  tzdata                                 # inbox dates in Paris time (summer time included)
  chromium chromium-l10n firefox-esr     # the extension's browser tests (French UI)
  zip                                    # extension packages
  python3-skimage libimage-exiftool-perl # test photos (public domain) and the metadata oracle
  imagemagick                            # the photo benchmark makes its 12-megapixel JPEG
  libheif-examples                       # heif-enc: HEIC/AVIF photos for the attach tests
  zint                                   # barcodes drawn for the attach tests (three EAN-13)
  libpng-dev libjpeg-dev                 # photo pixels for face detection (CLI, tests)
  libzxing-dev                           # barcodes and 2D codes in photos (CLI, tests)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "vigie: missing Debian packages (run as root or install them): ${missing[*]}" >&2
    exit 1
  fi
  echo "vigie: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages, reinstalled only when package-lock.json changed.
stamp=node_modules/.vigie-lock-stamp
if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
  echo "vigie: installing npm packages (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
