#!/usr/bin/env bash
# npm start: builds everything, shows the engine at work on a sample post,
# says where the outputs are, then serves the inbox (SQLite, in data/).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/dev/build.sh

vigie=build/bin/vigie
echo
"$vigie" --version
sample="Bravo à l'équipe de réa ! Mme Durand (chambre 12) est sortie aujourd'hui. Son numéro de sécu : 2 55 08 14 168 025 38"
echo "Sample post: $sample"
echo "Scan (vigie scan --platform facebook):"
printf '%s' "$sample" | "$vigie" scan --platform facebook -

echo
echo "Build outputs:"
echo "  CLI               $PWD/$vigie"
echo "  default pack      $PWD/build/pack/chu-nantes.json"
echo "  wasm engine       $PWD/build-wasm/wasm/vigie_engine.{mjs,wasm}"
if [[ -d dist/chromium ]]; then
  echo "  extension         $PWD/dist/chromium (Chrome, Edge) and $PWD/dist/firefox"
  echo "Load it: chrome://extensions > Developer mode > Load unpacked > dist/chromium;"
  echo "         Firefox: about:debugging > This Firefox > Load Temporary Add-on > dist/firefox/manifest.json"
else
  echo "  extension         not yet built (the extension issue adds it)"
fi

if "$vigie" inbox --help >/dev/null 2>&1; then
  mkdir -p data
  echo
  echo "Serving the inbox (Ctrl+C to stop):"
  exec "$vigie" inbox serve --db sqlite:data/inbox.db --listen 127.0.0.1:8080 --packs dist/packs
else
  echo "Inbox: not yet (the inbox issue adds it)."
fi
