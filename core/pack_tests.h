// Runs the test cases a pack embeds: each rule's `tests` (texts it must fire
// on, and near misses it must not) and the pack-level `tests` (texts with the
// exact set of rule ids expected). `vigie pack test` prints the result.

#ifndef VIGIE_CORE_PACK_TESTS_H_
#define VIGIE_CORE_PACK_TESTS_H_

#include <string>
#include <vector>

#include "core/engine.h"

namespace vigie {

struct PackTestFailure {
  std::string pointer;  // "/rules/4/tests/no_match/0" or "/tests/2"
  std::string text;
  std::string problem;  // what was expected and what was found
};

struct PackTestReport {
  int run = 0;
  std::vector<PackTestFailure> failures;
};

PackTestReport RunPackTests(const Engine& engine);

}  // namespace vigie

#endif  // VIGIE_CORE_PACK_TESTS_H_
