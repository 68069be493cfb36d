#!/usr/bin/env bash
# Evaluates the default rule pack on its labelled corpus (tools/eval/eval.mjs).
# Builds the CLI first when it is missing; extra arguments go to eval.mjs.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -x build/bin/vigie ]] || bash tools/dev/build.sh
exec node tools/eval/eval.mjs "$@"
