// Entities (a person's name, a care context, a mention of the CHU...) found
// by rules that declare one, and the combination rules that fire when they
// occur together.

#ifndef VIGIE_CORE_ENTITIES_H_
#define VIGIE_CORE_ENTITIES_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/finding_list.h"
#include "core/pack.h"
#include "core/text.h"

namespace vigie {

struct EntityOccurrence {
  size_t byte_begin = 0;
  size_t byte_end = 0;
  size_t begin = 0;  // UTF-16
  size_t end = 0;    // UTF-16
  uint32_t sentence = 0;
  double score = 0;
};

// Occurrences of each entity kind, sorted by position.
class EntityIndex {
 public:
  EntityIndex() = default;
  explicit EntityIndex(size_t kinds) : by_kind_(kinds) {}
  // Empties the index for `kinds` entity kinds, keeping its memory.
  void Reset(size_t kinds) {
    by_kind_.resize(kinds);
    for (auto& occurrences : by_kind_) occurrences.clear();
    sorted_ = true;
  }
  void Add(int kind, const EntityOccurrence& occurrence) {
    std::vector<EntityOccurrence>& occurrences =
        by_kind_[static_cast<size_t>(kind)];
    sorted_ = sorted_ && (occurrences.empty() ||
                          occurrences.back().begin <= occurrence.begin);
    occurrences.push_back(occurrence);
  }
  // Call once all occurrences are added.
  void Sort();
  const std::vector<EntityOccurrence>& Of(int kind) const {
    return by_kind_[static_cast<size_t>(kind)];
  }
  // True iff an occurrence of `kind` starts in UTF-16 range [begin, end).
  bool AnyStartingIn(int kind, size_t begin, size_t end) const;

 private:
  std::vector<std::vector<EntityOccurrence>> by_kind_;
  bool sorted_ = true;  // every kind's occurrences came in order
};

// True when the `all` and `any` lists of combination `rule` are met, `present`
// telling whether an entity kind is there (`any` is met when empty, or by one
// of its kinds or of the facts `context` gives).
template <typename Present>
bool AllAndAnyMet(const Rule& rule, const AnalysisContext& context,
                  Present present) {
  if (!std::all_of(rule.all.begin(), rule.all.end(), present)) return false;
  const bool any_needed =
      !rule.any.empty() || rule.any_affiliated || rule.any_photo_face;
  return !any_needed || (rule.any_affiliated && context.affiliated) ||
         (rule.any_photo_face && context.photo_faces > 0) ||
         std::any_of(rule.any.begin(), rule.any.end(), present);
}

// Adds to `findings` one finding per anchor occurrence of combination rule
// `rule` (index `rule_index`) whose scope holds the entities it requires.
void EvaluateCombination(const Rule& rule, int rule_index,
                         const EntityIndex& entities,
                         const TokenizedText& tokens, const Utf16Index& utf16,
                         const AnalysisContext& context, FindingList* findings);

}  // namespace vigie

#endif  // VIGIE_CORE_ENTITIES_H_
