#include "core/scoring.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace vigie {
namespace {

constexpr double kScoreTolerance = 1e-9;

// True when `term` occurs at token `at` and fits before token `limit`.
bool TermAt(const ContextTerm& term, const TokenizedText& tokens, size_t at,
            size_t limit) {
  if (at + term.words.size() > limit) return false;
  for (size_t i = 0; i < term.words.size(); ++i) {
    const std::string_view word = tokens.FoldedWord(tokens.tokens[at + i]);
    const bool last = i + 1 == term.words.size();
    if (last && term.prefix) {
      if (word.substr(0, term.words[i].size()) != term.words[i]) return false;
    } else if (word != term.words[i]) {
      return false;
    }
  }
  return true;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

// The first word or phrase of `group` found in tokens [from, to), as text
// for the explanation ("secu", "hospitalis*"); empty when none is.
std::string FindTerm(const ContextGroup& group, const TokenizedText& tokens,
                     size_t from, size_t to) {
  for (size_t at = from; at < to; ++at) {
    const std::string_view word = tokens.FoldedWord(tokens.tokens[at]);
    if (group.single_words.contains(word)) {
      return std::string(word);
    }
    for (const ContextTerm& term : group.terms) {
      if (TermAt(term, tokens, at, to)) {
        return Joined(term.words) + (term.prefix ? "*" : "");
      }
    }
  }
  return "";
}

bool StartsWithCapital(std::string_view text, size_t begin) {
  char32_t cp = 0;
  DecodeUtf8(text, begin, &cp);
  return IsUpperCodePoint(cp);
}

}  // namespace

std::optional<Score> ScoreMatch(const Rule& rule, std::string_view text,
                                const TokenizedText& tokens, size_t begin,
                                size_t end) {
  const std::string_view match = text.substr(begin, end - begin);
  Score score;
  score.value = rule.base_score;
  if (rule.validator != Validator::kNone) {
    if (!Validate(rule.validator, match)) return std::nullopt;
    absl::StrAppend(&score.why, "validated");
  }
  if (rule.require_capital && !StartsWithCapital(text, begin)) {
    return std::nullopt;
  }
  if (!rule.allow.empty()) {
    const std::string canonical = CanonicalForm(rule.validator, match);
    if (std::find(rule.allow.begin(), rule.allow.end(), canonical) !=
        rule.allow.end()) {
      return std::nullopt;
    }
  }
  if (!rule.context.empty()) {
    const size_t first = tokens.FirstTokenEndingAfter(begin);
    size_t last = first;  // first token after the match
    while (last < tokens.tokens.size() && tokens.tokens[last].begin < end) {
      ++last;
    }
    for (const ContextGroup& group : rule.context) {
      const size_t from = first > static_cast<size_t>(group.before)
                              ? first - static_cast<size_t>(group.before)
                              : 0;
      const size_t to = std::min(tokens.tokens.size(),
                                 last + static_cast<size_t>(group.after));
      std::string term = FindTerm(group, tokens, from, first);
      if (term.empty()) term = FindTerm(group, tokens, last, to);
      if (term.empty()) continue;
      score.value += group.delta;
      absl::StrAppend(&score.why, score.why.empty() ? "" : "; ", "context \"",
                      term, "\" ", group.delta > 0 ? "+" : "", group.delta);
    }
    score.value = std::clamp(score.value, 0.0, 1.0);
  }
  // Sums of decimal deltas are inexact (0.6 + 0.3 - 0.4 < 0.5): compare
  // with a tolerance far below any meaningful score step.
  if (score.value + kScoreTolerance < rule.min_score) return std::nullopt;
  return score;
}

}  // namespace vigie
