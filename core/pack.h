// The rule pack, format 1 (docs/pack-format.md): parsed and validated as a
// whole before anything is compiled, so a faulty pack is refused with the
// JSON pointer of its first fault and never half-loaded.

#ifndef VIGIE_CORE_PACK_H_
#define VIGIE_CORE_PACK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/finding.h"
#include "core/image/image_rules.h"
#include "core/validators.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace vigie {

// The seven categories of the CHU de Nantes guide, one per rule of the guide.
inline constexpr std::string_view kCategories[] = {
    "secret_medical",     "droit_image",    "propriete_intellectuelle",
    "diffamation_injure", "devoir_reserve", "verification_sources",
    "compte_officiel"};

enum class RuleKind { kPattern, kLexicon, kCombination };

// A context word or phrase, folded and cut into words. `prefix`: the last
// word matches any word it starts ("hospitalis*").
struct ContextTerm {
  std::vector<std::string> words;
  bool prefix = false;
};

// Words near a match that move its score by `delta`.
struct ContextGroup {
  absl::flat_hash_set<std::string> single_words;  // one folded word each
  std::vector<ContextTerm> terms;                 // phrases and prefixes
  int before = 5;                                 // words before the match
  int after = 0;                                  // words after the match
  double delta = 0;
};

// Texts a rule must fire on, and must not ("near misses").
struct RuleTestText {
  std::string text;
  AnalysisContext context;
};

enum class CombinationScope { kSentence, kText, kChars };

// The texts shown with a finding.
struct RuleTexts {
  std::string message;
  std::string message_en;
  std::string guide;
  std::string guide_url;
  std::string suggestion;
  std::string suggestion_en;
};

struct Rule {
  std::string id;
  RuleKind kind = RuleKind::kPattern;
  std::string category;
  bool report = true;
  Severity severity = Severity::kInfo;
  RuleTexts texts;
  int entity = -1;  // index into Pack::entity_kinds, -1 when none
  double base_score = 1.0;
  double min_score = 0.5;
  std::vector<ContextGroup> context;
  std::vector<std::string> allow;  // canonical forms (see CanonicalForm)
  bool requires_affiliation = false;
  std::vector<Platform> platforms;  // empty: every platform

  // kind == kPattern
  std::string pattern;
  std::shared_ptr<const re2::RE2> regex;  // compiled once, while validating
  bool case_insensitive = false;
  bool whole_word = true;
  int group = 0;
  Validator validator = Validator::kNone;

  // kind == kLexicon: every term as its folded words one space apart, one
  // term per line ("marie\njean pierre\n"). One string rather than one per
  // term: a pack lists tens of thousands of first names, and the engine
  // starts each time the browser wakes it.
  std::string term_lines;
  bool require_capital = false;

  // kind == kCombination (entity kind indices)
  std::vector<int> all;
  std::vector<int> any;
  // Pseudo-entities among `any`: facts about the post from outside its text.
  bool any_affiliated = false;  // "$affiliated": the profile shows the CHU
  bool any_photo_face = false;  // "$photo_face": a face in an attached photo
  std::vector<int> none;
  int anchor = -1;
  CombinationScope scope = CombinationScope::kSentence;
  int scope_chars = 0;

  std::vector<RuleTestText> tests_match;
  std::vector<RuleTestText> tests_no_match;
};

struct PackTest {
  std::string text;
  AnalysisContext context;
  std::vector<std::string> expect;  // sorted rule ids
};

struct PackInfo {
  std::string source;  // the file name the pack was read from
  std::string id;
  int64_t version = 0;
  std::string issued;
  std::string expires;
  std::string locale;
};

struct PackSettings {
  size_t max_text_chars = 100000;
  size_t max_findings = 500;
  std::vector<std::string> abbreviations;  // folded
  std::string truncation_category = "secret_medical";
  RuleTexts truncation;
};

struct Pack {
  PackInfo info;
  PackSettings settings;
  std::vector<Rule> rules;
  image::ImageRules image;  // geofences and photo rules ("image" section)
  std::vector<PackTest> tests;
  std::vector<std::string> entity_kinds;
};

// Parses and validates a pack. On failure the status message reads
// "SOURCE: /json/pointer: what is wrong" (or "SOURCE: line L, column C: ..."
// when the text is not JSON). Patterns are compiled here once to check them;
// RE2's own error is quoted.
absl::StatusOr<Pack> ParsePack(std::string_view json_text,
                               std::string_view source_name);

// The JSON pointer of the fault a ParsePack (or Engine::Create) error names,
// "/rules/3/severity"; nullopt for an error without one (text that is not
// JSON). A pack built from several files maps it back to the file at fault.
std::optional<std::string> PackFaultPointer(const absl::Status& status);

}  // namespace vigie

#endif  // VIGIE_CORE_PACK_H_
