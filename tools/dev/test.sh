#!/usr/bin/env bash
# npm test: builds everything, then runs every suite and prints the totals.
#   GoogleTest (ctest)       the core, the inbox, the image parsers
#   vigie pack test          the default pack's embedded test cases
#   node --test              the wasm build, evaluation floors, browser tests
set -uo pipefail
cd "$(dirname "$0")/../.."
bash tools/dev/build.sh || exit 1

passed=0
failed=0
mkdir -p test-artifacts
add_counts() { passed=$((passed + $1)); failed=$((failed + $2)); }

echo "== GoogleTest (ctest)"
ctest --test-dir build -j"$(nproc)" --output-on-failure >test-artifacts/ctest.log 2>&1
grep -E "tests passed|Failed|\*\*\*" test-artifacts/ctest.log | tail -20
total=$(grep -oE "out of [0-9]+" test-artifacts/ctest.log | tail -1 | grep -oE "[0-9]+")
bad=$(grep -oE "[0-9]+ tests failed" test-artifacts/ctest.log | grep -oE "^[0-9]+")
add_counts $(( ${total:-0} - ${bad:-0} )) "${bad:-0}"
[[ -n ${total:-} ]] || { echo "ctest did not run"; add_counts 0 1; }

if [[ -f build/pack/chu-nantes.json ]]; then
  echo "== vigie pack test (default pack)"
  out=$(build/bin/vigie pack test build/pack/chu-nantes.json)
  echo "$out" | tail -15
  summary=$(echo "$out" | tail -1)
  add_counts "$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)" \
             "$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 1)"
fi

suites=()
for dir in tests/node tests/browser tests/inbox tests/image; do
  compgen -G "$dir/*.test.mjs" >/dev/null && suites+=("$dir"/*.test.mjs)
done
if ((${#suites[@]})); then
  echo "== node --test (${#suites[@]} files)"
  node --test --test-concurrency=1 "${suites[@]}" >test-artifacts/node-tests.log 2>&1
  grep -E "^not ok|^# (tests|pass|fail)" test-artifacts/node-tests.log
  add_counts "$(grep -oE '^# pass [0-9]+' test-artifacts/node-tests.log | grep -oE '[0-9]+' || echo 0)" \
             "$(grep -oE '^# fail [0-9]+' test-artifacts/node-tests.log | grep -oE '[0-9]+' || echo 1)"
fi

echo
echo "Logs: test-artifacts/"
echo "total: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
