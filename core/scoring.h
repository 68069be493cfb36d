// How sure the engine is of a raw match: the validator confirms or drops it,
// the allow-list drops known harmless values, context words move the score,
// and a threshold removes weak results (the pipeline of Presidio's analyzer).

#ifndef VIGIE_CORE_SCORING_H_
#define VIGIE_CORE_SCORING_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/pack.h"
#include "core/text.h"

namespace vigie {

struct Score {
  double value = 0;
  std::string why;  // "validator nir; context \"secu\" +0.35"
};

// Scores the match [begin, end) (bytes of `text`) of a pattern or lexicon
// rule. Returns nullopt when the match is dropped: rejected by the validator,
// on the allow-list, not capitalised where the rule requires it, or scoring
// below the rule's min_score.
std::optional<Score> ScoreMatch(const Rule& rule, std::string_view text,
                                const TokenizedText& tokens, size_t begin,
                                size_t end);

}  // namespace vigie

#endif  // VIGIE_CORE_SCORING_H_
