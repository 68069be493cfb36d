#include "core/engine.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/entities.h"
#include "core/finding_list.h"
#include "core/lexicon_trie.h"
#include "core/object_pool.h"
#include "core/scoring.h"
#include "core/text.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace vigie {

std::string_view EngineVersion() { return VIGIE_VERSION; }

namespace {

// RE2's memory budget for the one-pass prefilter over all patterns.
constexpr int64_t kSetMaxMem = 32 << 20;

RE2::Options SetOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kSetMaxMem);
  return options;
}

// A raw match of a pattern or lexicon rule, in bytes of the analysed text.
struct Candidate {
  int rule = 0;
  size_t begin = 0;
  size_t end = 0;
};

bool IsWordAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  char32_t cp = 0;
  DecodeUtf8(text, pos, &cp);
  return IsWordCodePoint(cp);
}

bool IsWordBefore(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  size_t start = pos - 1;
  while (start > 0 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  return IsWordAt(text, start);
}

// True when [begin, end) neither starts nor ends inside a word. French-aware,
// unlike RE2's ASCII \b.
bool IsWholeWord(std::string_view text, size_t begin, size_t end) {
  if (end <= begin) return false;
  if (IsWordAt(text, begin) && IsWordBefore(text, begin)) return false;
  if (IsWordBefore(text, end) && IsWordAt(text, end)) return false;
  return true;
}

size_t NextCodePoint(std::string_view text, size_t pos) {
  char32_t cp = 0;
  return pos + static_cast<size_t>(DecodeUtf8(text, pos, &cp));
}

// The memory one analysis works in, reused from one text to the next.
struct AnalysisScratch {
  TokenizedText tokens;
  Utf16Index utf16;
  std::vector<int> hits;                  // prefilter: patterns that match
  std::vector<absl::string_view> groups;  // one pattern match's groups
  std::vector<Candidate> candidates;
  // By entity kind: a candidate has it / a combination rule may read it.
  std::vector<char> kinds_matched;
  std::vector<char> kinds_needed;
  EntityIndex entities;
  FindingList findings;
};

// Calls on_term() with `*words` set to the words of each term of
// `term_lines` (see Rule::term_lines).
template <typename OnTerm>
void ForEachTerm(std::string_view term_lines,
                 std::vector<std::string_view>* words, OnTerm on_term) {
  words->clear();
  size_t word = 0;
  for (size_t i = 0; i < term_lines.size(); ++i) {
    const char c = term_lines[i];
    if (c != ' ' && c != '\n') continue;
    words->push_back(term_lines.substr(word, i - word));
    word = i + 1;
    if (c == '\n') {
      on_term();
      words->clear();
    }
  }
}

bool RuleApplies(const Rule& rule, const AnalysisContext& context) {
  if (rule.requires_affiliation && !context.affiliated) return false;
  if (rule.platforms.empty()) return true;
  return std::find(rule.platforms.begin(), rule.platforms.end(),
                   context.platform) != rule.platforms.end();
}

}  // namespace

struct Engine::Compiled {
  Pack pack;
  std::vector<int> pattern_rules;       // set index -> rule index
  std::vector<const RE2*> patterns;     // by set index, owned by pack
  std::unique_ptr<RE2::Set> prefilter;  // null if it could not compile
  LexiconTrie lexicon;
  std::vector<int> combination_rules;
  mutable ObjectPool<AnalysisScratch> scratch;

  // Adds to scratch->candidates the matches of the pattern rules.
  void FindPatternMatches(std::string_view text, const AnalysisContext& context,
                          AnalysisScratch* scratch) const;
  void ScanPattern(size_t index, std::string_view text,
                   AnalysisScratch* scratch) const;
  // Sets scratch->kinds_needed: the entity kinds the combination rules may
  // read in this text. Only a rule whose `all` kinds (and one of its `any`)
  // have a candidate can fire (scoring only drops candidates): candidates of
  // other kinds need no scoring, UTF-16 offsets or index (a first name with
  // no care word, a care word with no name...).
  void FindNeededKinds(const AnalysisContext& context,
                       AnalysisScratch* scratch) const;
};

Engine::Engine(std::unique_ptr<Compiled> compiled)
    : compiled_(std::move(compiled)) {}
Engine::~Engine() = default;

const Pack& Engine::pack() const { return compiled_->pack; }

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(
    std::string_view pack_json, std::string_view source_name) {
  absl::StatusOr<Pack> pack = ParsePack(pack_json, source_name);
  if (!pack.ok()) return pack.status();

  auto compiled = std::make_unique<Compiled>();
  compiled->pack = *std::move(pack);
  auto prefilter = std::make_unique<RE2::Set>(SetOptions(), RE2::UNANCHORED);
  bool prefilter_ok = true;
  const std::vector<Rule>& rules = compiled->pack.rules;
  size_t word_count = 0;  // in all lexicons: one per space or line break
  size_t word_bytes = 0;
  for (const Rule& rule : rules) {
    word_count += static_cast<size_t>(
        std::count_if(rule.term_lines.begin(), rule.term_lines.end(),
                      [](char c) { return c == ' ' || c == '\n'; }));
    word_bytes += rule.term_lines.size();
  }
  compiled->lexicon.Reserve(word_count, word_bytes);
  std::vector<std::string_view> words;  // of one term
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = rules[i];
    const int index = static_cast<int>(i);
    switch (rule.kind) {
      case RuleKind::kPattern: {
        compiled->pattern_rules.push_back(index);
        compiled->patterns.push_back(rule.regex.get());
        const std::string flagged =
            rule.case_insensitive ? "(?i)" + rule.pattern : rule.pattern;
        prefilter_ok = prefilter_ok && prefilter->Add(flagged, nullptr) >= 0;
        break;
      }
      case RuleKind::kLexicon:
        ForEachTerm(rule.term_lines, &words,
                    [&] { compiled->lexicon.Add(words, index); });
        break;
      case RuleKind::kCombination:
        compiled->combination_rules.push_back(index);
        break;
    }
  }
  compiled->lexicon.Finish();
  // Without the prefilter every pattern runs on every text: slower, never
  // blind.
  if (prefilter_ok && !compiled->patterns.empty() && prefilter->Compile()) {
    compiled->prefilter = std::move(prefilter);
  }
  return std::unique_ptr<Engine>(new Engine(std::move(compiled)));
}

void Engine::Compiled::ScanPattern(size_t index, std::string_view text,
                                   AnalysisScratch* scratch) const {
  const Rule& rule = pack.rules[pattern_rules[index]];
  const RE2& regex = *patterns[index];
  std::vector<absl::string_view>& groups = scratch->groups;
  groups.assign(static_cast<size_t>(rule.group) + 1, absl::string_view());
  std::vector<Candidate>* out = &scratch->candidates;
  const absl::string_view input(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size() &&
         regex.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(),
                     static_cast<int>(groups.size()))) {
    const size_t begin = static_cast<size_t>(groups[0].data() - text.data());
    const size_t end = begin + groups[0].size();
    const absl::string_view span = groups[static_cast<size_t>(rule.group)];
    const bool whole = !rule.whole_word || IsWholeWord(text, begin, end);
    if (whole && span.data() != nullptr && !span.empty()) {
      const size_t span_begin = static_cast<size_t>(span.data() - text.data());
      out->push_back(
          {pattern_rules[index], span_begin, span_begin + span.size()});
    }
    // After a match, go on after it; after a rejected one, try again one
    // character later so a whole-word match inside it is not missed.
    if (begin >= text.size()) break;
    pos = whole && end > begin ? end : NextCodePoint(text, begin);
  }
}

void Engine::Compiled::FindPatternMatches(std::string_view text,
                                          const AnalysisContext& context,
                                          AnalysisScratch* scratch) const {
  std::vector<int>& hits = scratch->hits;
  bool prefiltered = false;
  if (prefilter != nullptr) {
    RE2::Set::ErrorInfo error;
    const bool any = prefilter->Match(
        absl::string_view(text.data(), text.size()), &hits, &error);
    // "No match" is trusted only when the set did not run out of memory.
    prefiltered = any || error.kind == RE2::Set::kNoError;
  }
  if (!prefiltered) {
    hits.clear();
    for (size_t i = 0; i < patterns.size(); ++i) {
      hits.push_back(static_cast<int>(i));
    }
  }
  std::sort(hits.begin(), hits.end());
  for (int index : hits) {
    if (RuleApplies(pack.rules[pattern_rules[index]], context)) {
      ScanPattern(static_cast<size_t>(index), text, scratch);
    }
  }
}

void Engine::Compiled::FindNeededKinds(const AnalysisContext& context,
                                       AnalysisScratch* scratch) const {
  std::vector<char>& matched = scratch->kinds_matched;
  std::vector<char>& needed = scratch->kinds_needed;
  matched.assign(pack.entity_kinds.size(), 0);
  needed.assign(pack.entity_kinds.size(), 0);
  for (const Candidate& candidate : scratch->candidates) {
    const int kind = pack.rules[candidate.rule].entity;
    if (kind >= 0) matched[kind] = 1;
  }
  const auto is_matched = [&](int kind) { return matched[kind] != 0; };
  const auto need = [&](int kind) { needed[kind] = 1; };
  for (int index : combination_rules) {
    const Rule& rule = pack.rules[index];
    // The anchor is one of `all`.
    if (!AllAndAnyMet(rule, context, is_matched) ||
        !RuleApplies(rule, context)) {
      continue;
    }
    std::for_each(rule.all.begin(), rule.all.end(), need);
    std::for_each(rule.any.begin(), rule.any.end(), need);
    std::for_each(rule.none.begin(), rule.none.end(), need);
  }
}

std::vector<Finding> Engine::Analyze(std::string_view raw_text,
                                     const AnalysisContext& context) const {
  const Compiled& c = *compiled_;
  const PackSettings& settings = c.pack.settings;
  std::string repaired;
  std::string_view full = raw_text;
  if (!IsValidUtf8(raw_text)) {
    repaired = RepairUtf8(raw_text);
    full = repaired;
  }
  // A text has at least as many bytes as UTF-16 units: short ones need no
  // counting.
  const size_t cap = full.size() <= settings.max_text_chars
                         ? full.size()
                         : ByteOffsetOfUtf16(full, settings.max_text_chars);
  const std::string_view text = full.substr(0, cap);

  const ObjectPool<AnalysisScratch>::Lease scratch = c.scratch.Take();
  const TokenizedText& tokens = scratch->tokens;
  const Utf16Index& utf16 = scratch->utf16;
  std::vector<Candidate>& candidates = scratch->candidates;
  Tokenize(text, settings.abbreviations, &scratch->tokens);
  scratch->utf16.Reset(text);
  candidates.clear();
  c.FindPatternMatches(text, context, &*scratch);
  c.lexicon.FindAll(tokens, [&](size_t first, size_t end, int rule) {
    if (RuleApplies(c.pack.rules[rule], context)) {
      candidates.push_back(
          {rule, tokens.tokens[first].begin, tokens.tokens[end - 1].end});
    }
  });

  FindingList& findings = scratch->findings;
  findings.Reset(&c.pack, &utf16);
  c.FindNeededKinds(context, &*scratch);
  const std::vector<char>& needed = scratch->kinds_needed;
  EntityIndex& entities = scratch->entities;
  entities.Reset(c.pack.entity_kinds.size());
  for (const Candidate& candidate : candidates) {
    const Rule& rule = c.pack.rules[candidate.rule];
    const bool entity = rule.entity >= 0 && needed[rule.entity] != 0;
    if (!rule.report && !entity) continue;
    std::optional<Score> score =
        ScoreMatch(rule, text, tokens, candidate.begin, candidate.end);
    if (!score) continue;
    if (entity) {
      entities.Add(
          rule.entity,
          {candidate.begin, candidate.end, utf16.ToUtf16(candidate.begin),
           utf16.ToUtf16(candidate.end), tokens.SentenceAt(candidate.begin),
           score->value});
    }
    if (rule.report) {
      findings.Add(candidate.rule, candidate.begin, candidate.end,
                   *std::move(score));
    }
  }
  entities.Sort();
  for (int index : c.combination_rules) {
    const Rule& rule = c.pack.rules[index];
    // Most texts hold no occurrence of most anchors.
    if (entities.Of(rule.anchor).empty()) continue;
    if (!RuleApplies(rule, context)) continue;
    EvaluateCombination(rule, index, entities, tokens, utf16, context,
                        &findings);
  }
  std::vector<Finding> out = findings.Finish(settings.max_findings);
  if (cap < full.size()) out.push_back(TruncationNotice(c.pack, full, cap));
  return out;
}

}  // namespace vigie
