#include "core/entities.h"

#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"

namespace vigie {

void EntityIndex::Sort() {
  const auto by_begin = [](const EntityOccurrence& a,
                           const EntityOccurrence& b) {
    return a.begin < b.begin;
  };
  // Occurrences mostly come in order already. (How ties are ordered does
  // not matter: lookups are by position, and combination findings at one
  // position merge to the same result in any order.)
  if (sorted_) return;
  for (auto& occurrences : by_kind_) {
    if (!std::is_sorted(occurrences.begin(), occurrences.end(), by_begin)) {
      std::sort(occurrences.begin(), occurrences.end(), by_begin);
    }
  }
}

bool EntityIndex::AnyStartingIn(int kind, size_t begin, size_t end) const {
  const std::vector<EntityOccurrence>& occurrences = Of(kind);
  const auto it =
      std::lower_bound(occurrences.begin(), occurrences.end(), begin,
                       [](const EntityOccurrence& o, size_t offset) {
                         return o.begin < offset;
                       });
  return it != occurrences.end() && it->begin < end;
}

void EvaluateCombination(const Rule& rule, int rule_index,
                         const EntityIndex& entities,
                         const TokenizedText& tokens, const Utf16Index& utf16,
                         const AnalysisContext& context,
                         FindingList* findings) {
  for (const EntityOccurrence& anchor : entities.Of(rule.anchor)) {
    // The scope, in UTF-16 units: [from, to).
    size_t from = 0;
    size_t to = std::numeric_limits<size_t>::max();
    switch (rule.scope) {
      case CombinationScope::kSentence: {
        from = utf16.ToUtf16(tokens.sentence_starts[anchor.sentence]);
        const size_t next = anchor.sentence + 1;
        if (next < tokens.sentence_starts.size()) {
          to = utf16.ToUtf16(tokens.sentence_starts[next]);
        }
        break;
      }
      case CombinationScope::kText:
        break;
      case CombinationScope::kChars: {
        const auto chars = static_cast<size_t>(rule.scope_chars);
        from = anchor.begin > chars ? anchor.begin - chars : 0;
        to = anchor.end + chars;
        break;
      }
    }
    const auto present = [&](int kind) {
      return entities.AnyStartingIn(kind, from, to);
    };
    if (!AllAndAnyMet(rule, context, present)) continue;
    if (std::any_of(rule.none.begin(), rule.none.end(), present)) continue;
    Score score;
    score.value = std::min(anchor.score, rule.base_score);
    if (score.value < rule.min_score) continue;
    score.why = "entities found together";
    findings->Add(rule_index, anchor.byte_begin, anchor.byte_end,
                  std::move(score));
  }
}

}  // namespace vigie
