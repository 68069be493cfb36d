// Collects the findings of one analysis: merges overlapping findings of the
// same rule, orders them, caps their number, and maps offsets to UTF-16.

#ifndef VIGIE_CORE_FINDING_LIST_H_
#define VIGIE_CORE_FINDING_LIST_H_

#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/pack.h"
#include "core/scoring.h"
#include "core/text.h"

namespace vigie {

class FindingList {
 public:
  // Starts the list of a text indexed by `utf16`, keeping the memory of the
  // previous one (an engine analyses many texts). `pack` and `utf16` must
  // outlive the use of the list.
  void Reset(const Pack* pack, const Utf16Index* utf16);

  // Adds a finding of rule `rule` (index in the pack) on bytes [begin, end).
  void Add(int rule, size_t begin, size_t end, Score score);

  // Returns the findings sorted by start, end, rule id; overlapping findings
  // of one rule merged (the highest score kept); at most `max_findings`.
  std::vector<Finding> Finish(size_t max_findings);

 private:
  struct Entry {
    int rule;
    size_t begin;
    size_t end;
    Score score;
  };
  const Pack* pack_ = nullptr;
  const Utf16Index* utf16_ = nullptr;
  std::vector<Entry> entries_;
};

// A finding of `rule` with its id, category, severity and texts set (offsets,
// score and why left to the caller).
Finding RuleFinding(const Rule& rule);

// The `info` finding that says a text was analysed only up to `cap` bytes;
// it spans the part that was not analysed.
Finding TruncationNotice(const Pack& pack, std::string_view text, size_t cap);

}  // namespace vigie

#endif  // VIGIE_CORE_FINDING_LIST_H_
