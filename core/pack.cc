#include "core/pack.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "core/image/image_rules.h"
#include "core/json_document.h"
#include "core/text.h"
#include "nlohmann/json.hpp"
#include "re2/re2.h"

namespace vigie {
namespace {

using nlohmann::json;

// The first fault found while reading a pack. Readers keep going after a
// fault with default values, so the code reads straight; only the first
// fault is reported.
class Faults {
 public:
  void Add(const std::string& pointer, std::string_view what) {
    if (first_.empty()) {
      pointer_ = pointer.empty() ? "/" : pointer;
      first_ = absl::StrCat(pointer_, ": ", what);
    }
  }
  // For a fault whose text already starts with its pointer.
  void AddWithPointer(std::string_view what) {
    if (first_.empty()) {
      first_ = std::string(what);
      pointer_ = std::string(what.substr(0, what.find(": ")));
    }
  }
  bool any() const { return !first_.empty(); }
  const std::string& first() const { return first_; }
  const std::string& pointer() const { return pointer_; }

 private:
  std::string first_;
  std::string pointer_;  // of the first fault
};

// Where a ParsePack error keeps its fault's pointer (see PackFaultPointer).
constexpr std::string_view kFaultPointerPayload =
    "vigie.dev/pack-fault-pointer";

std::string Child(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Child(const std::string& pointer, size_t index) {
  return absl::StrCat(pointer, "/", index);
}

// Reads the fields of one JSON object, recording faults with their pointer.
class ObjectReader {
 public:
  ObjectReader(const json& value, std::string pointer, Faults* faults)
      : value_(value), pointer_(std::move(pointer)), faults_(faults) {
    if (!value_.is_object()) faults_->Add(pointer_, "must be an object");
  }

  const std::string& pointer() const { return pointer_; }
  std::string PointerTo(std::string_view key) const {
    return Child(pointer_, key);
  }
  bool Has(std::string_view key) const {
    return value_.is_object() && value_.contains(key);
  }
  const json* Get(std::string_view key) const {
    if (!Has(key)) return nullptr;
    return &value_.find(key).value();
  }

  // Refuses fields this format does not know (a typo must not silently
  // disable a rule).
  void OnlyKnown(const std::vector<std::string_view>& known) {
    if (!value_.is_object()) return;
    for (const auto& item : value_.items()) {
      if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
        faults_->Add(PointerTo(item.key()), "unknown field");
      }
    }
  }

  std::string String(std::string_view key, bool required,
                     std::string fallback = "") {
    const json* field = Get(key);
    if (field == nullptr) {
      if (required) faults_->Add(PointerTo(key), "missing required field");
      return fallback;
    }
    if (!field->is_string()) {
      faults_->Add(PointerTo(key), "must be a string");
      return fallback;
    }
    const std::string& text = field->get_ref<const std::string&>();
    if (required && text.empty()) {
      faults_->Add(PointerTo(key), "must not be empty");
    }
    return text;
  }

  bool Bool(std::string_view key, bool fallback) {
    const json* field = Get(key);
    if (field == nullptr) return fallback;
    if (!field->is_boolean()) {
      faults_->Add(PointerTo(key), "must be true or false");
      return fallback;
    }
    return field->get<bool>();
  }

  double Number(std::string_view key, double fallback, double min, double max) {
    const json* field = Get(key);
    if (field == nullptr) return fallback;
    if (!field->is_number()) {
      faults_->Add(PointerTo(key), "must be a number");
      return fallback;
    }
    const double value = field->get<double>();
    if (value < min || value > max) {
      faults_->Add(PointerTo(key),
                   absl::StrCat("must be between ", min, " and ", max));
      return fallback;
    }
    return value;
  }

  int64_t Integer(std::string_view key, bool required, int64_t fallback,
                  int64_t min, int64_t max) {
    const json* field = Get(key);
    if (field == nullptr) {
      if (required) faults_->Add(PointerTo(key), "missing required field");
      return fallback;
    }
    if (!field->is_number_integer()) {
      faults_->Add(PointerTo(key), "must be an integer");
      return fallback;
    }
    const int64_t value = field->get<int64_t>();
    if (value < min || value > max) {
      faults_->Add(PointerTo(key),
                   absl::StrCat("must be between ", min, " and ", max));
      return fallback;
    }
    return value;
  }

  // An array of strings; each element's pointer is reported on faults.
  std::vector<std::string> Strings(std::string_view key, bool required) {
    std::vector<std::string> out;
    const json* field = Get(key);
    if (field == nullptr) {
      if (required) faults_->Add(PointerTo(key), "missing required field");
      return out;
    }
    if (!field->is_array()) {
      faults_->Add(PointerTo(key), "must be an array of strings");
      return out;
    }
    for (size_t i = 0; i < field->size(); ++i) {
      const json& item = (*field)[i];
      if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
        faults_->Add(Child(PointerTo(key), i), "must be a non-empty string");
        continue;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

 private:
  const json& value_;
  std::string pointer_;
  Faults* faults_;
};

// The fields every rule may have, and those of its kind.
std::vector<std::string_view> RuleFields(
    std::initializer_list<std::string_view> kind_fields) {
  std::vector<std::string_view> fields = {"id",
                                          "kind",
                                          "category",
                                          "report",
                                          "severity",
                                          "message",
                                          "message_en",
                                          "guide",
                                          "guide_url",
                                          "suggestion",
                                          "suggestion_en",
                                          "base_score",
                                          "min_score",
                                          "requires_affiliation",
                                          "platforms",
                                          "tests",
                                          "description"};
  fields.insert(fields.end(), kind_fields);
  return fields;
}

bool IsIdentifier(std::string_view id) {
  if (id.empty()) return false;
  const auto lower_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!lower_or_digit(id[0])) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) {
    return lower_or_digit(c) || c == '.' || c == '_' || c == '-';
  });
}

bool IsIsoDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  return Validate(Validator::kDate, date);
}

// Appends `term` to `lines` as its folded words one space apart and a line
// break (see Rule::term_lines); false when it has no word. Terms already in
// that form (vigie pack build folds them) are copied as they are.
bool AppendTermLine(std::string_view term, std::string* lines) {
  // Letters and digits, single spaces between them.
  bool folded = !term.empty() && term.back() != ' ';
  char previous = ' ';
  for (size_t i = 0; folded && i < term.size(); ++i) {
    const char c = term[i];
    folded = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             (c == ' ' && previous != ' ');
    previous = c;
  }
  if (folded) {
    lines->append(term);
  } else {
    const std::vector<std::string> words = FoldedWords(term);
    if (words.empty()) return false;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i > 0) lines->push_back(' ');
      lines->append(words[i]);
    }
  }
  lines->push_back('\n');
  return true;
}

// Reads an analysis context ("platform", "affiliated", "photo_faces") from a
// test case.
AnalysisContext ReadContext(ObjectReader& reader, Faults* faults) {
  AnalysisContext context;
  const std::string platform = reader.String("platform", false);
  const std::optional<Platform> parsed = PlatformFromName(platform);
  if (!parsed) {
    faults->Add(reader.PointerTo("platform"),
                "must be facebook, x or linkedin");
  } else {
    context.platform = *parsed;
  }
  context.affiliated = reader.Bool("affiliated", false);
  context.photo_faces =
      static_cast<int>(reader.Integer("photo_faces", false, 0, 0, 1000));
  return context;
}

// A rule test text: a string, or {"text", "platform", "affiliated",
// "photo_faces"}.
RuleTestText ReadTestText(const json& value, const std::string& pointer,
                          Faults* faults) {
  RuleTestText out;
  if (value.is_string()) {
    out.text = value.get<std::string>();
    return out;
  }
  ObjectReader reader(value, pointer, faults);
  reader.OnlyKnown({"text", "platform", "affiliated", "photo_faces"});
  out.text = reader.String("text", true);
  out.context = ReadContext(reader, faults);
  return out;
}

class PackParser {
 public:
  explicit PackParser(Faults* faults) : faults_(faults) {}

  Pack Parse(const json& document) {
    ObjectReader top(document, "", faults_);
    top.OnlyKnown({"format", "format_version", "id", "version", "issued",
                   "expires", "locale", "description", "settings", "rules",
                   "tests", "adapters", "image"});
    if (top.Has("format") && top.String("format", true) != "vigie-pack") {
      faults_->Add("/format", "must be \"vigie-pack\"");
    } else if (!top.Has("format")) {
      faults_->Add("/format", "missing required field");
    }
    top.Integer("format_version", true, 1, 1, 1);
    ReadInfo(top);
    ReadSettings(top);
    ReadRules(top);
    ReadPackTests(top);
    // Adapters are the extension's business; the image section is checked
    // by the image rules' own validator.
    const json* adapters = top.Get("adapters");
    if (adapters != nullptr && !adapters->is_object()) {
      faults_->Add("/adapters", "must be an object");
    }
    if (const json* image = top.Get("image")) {
      absl::StatusOr<image::ImageRules> rules =
          image::ParseImageSection(*image, "/image");
      if (rules.ok()) {
        pack_.image = *std::move(rules);
      } else {
        faults_->AddWithPointer(rules.status().message());
      }
    }
    return std::move(pack_);
  }

 private:
  void ReadInfo(ObjectReader& top) {
    pack_.info.id = top.String("id", true);
    if (!pack_.info.id.empty() && !IsIdentifier(pack_.info.id)) {
      faults_->Add("/id", "must match [a-z0-9][a-z0-9._-]*");
    }
    pack_.info.version = top.Integer("version", true, 0, 1, INT64_MAX);
    pack_.info.issued = top.String("issued", true);
    pack_.info.expires = top.String("expires", true);
    for (const char* key : {"issued", "expires"}) {
      const std::string date = top.String(key, false);
      if (!date.empty() && !IsIsoDate(date)) {
        faults_->Add(top.PointerTo(key), "must be a date YYYY-MM-DD");
      }
    }
    if (pack_.info.expires < pack_.info.issued) {
      faults_->Add("/expires", "must not be before /issued");
    }
    pack_.info.locale = top.String("locale", true);
    top.String("description", false);
  }

  void ReadSettings(ObjectReader& top) {
    PackSettings& settings = pack_.settings;
    for (const char* abbreviation : {"M", "Mme", "Mlle", "Mr", "Dr", "Pr", "St",
                                     "Ste", "cf", "etc", "n°", "No"}) {
      settings.abbreviations.push_back(Fold(abbreviation));
    }
    settings.truncation.message =
        "Texte très long : seuls les premiers caractères ont été vérifiés.";
    settings.truncation.message_en =
        "Very long text: only the first characters were checked.";
    settings.truncation.guide = "Vigie";
    const json* value = top.Get("settings");
    if (value == nullptr) return;
    ObjectReader reader(*value, "/settings", faults_);
    reader.OnlyKnown(
        {"max_text_chars", "max_findings", "abbreviations", "truncation"});
    settings.max_text_chars = static_cast<size_t>(
        reader.Integer("max_text_chars", false, 100000, 1, 10000000));
    settings.max_findings = static_cast<size_t>(
        reader.Integer("max_findings", false, 500, 1, 100000));
    if (reader.Has("abbreviations")) {
      settings.abbreviations.clear();
      for (const std::string& word : reader.Strings("abbreviations", false)) {
        settings.abbreviations.push_back(Fold(word));
      }
    }
    if (const json* notice = reader.Get("truncation")) {
      ObjectReader truncation(*notice, "/settings/truncation", faults_);
      truncation.OnlyKnown({"category", "message", "message_en", "guide"});
      settings.truncation_category = truncation.String("category", true);
      CheckCategory(settings.truncation_category,
                    truncation.PointerTo("category"));
      settings.truncation.message = truncation.String("message", true);
      settings.truncation.message_en = truncation.String("message_en", false);
      settings.truncation.guide = truncation.String("guide", true);
    }
  }

  void CheckCategory(const std::string& category, const std::string& pointer) {
    if (std::find(std::begin(kCategories), std::end(kCategories), category) ==
        std::end(kCategories)) {
      faults_->Add(pointer, absl::StrCat("unknown category \"", category,
                                         "\" (see architecture.md)"));
    }
  }

  int EntityIndex(const std::string& kind) {
    auto it =
        std::find(pack_.entity_kinds.begin(), pack_.entity_kinds.end(), kind);
    if (it != pack_.entity_kinds.end()) {
      return static_cast<int>(it - pack_.entity_kinds.begin());
    }
    pack_.entity_kinds.push_back(kind);
    return static_cast<int>(pack_.entity_kinds.size() - 1);
  }

  void ReadRules(ObjectReader& top) {
    const json* rules = top.Get("rules");
    if (rules == nullptr) {
      faults_->Add("/rules", "missing required field");
      return;
    }
    if (!rules->is_array() || rules->empty()) {
      faults_->Add("/rules", "must be a non-empty array of rules");
      return;
    }
    std::set<std::string> ids;
    std::set<int> provided_entities;
    for (size_t i = 0; i < rules->size(); ++i) {
      Rule rule = ReadRule((*rules)[i], Child("/rules", i));
      if (!rule.id.empty() && !ids.insert(rule.id).second) {
        faults_->Add(Child(Child("/rules", i), "id"),
                     absl::StrCat("duplicate rule id \"", rule.id, "\""));
      }
      if (rule.entity >= 0) provided_entities.insert(rule.entity);
      pack_.rules.push_back(std::move(rule));
    }
    // Every entity a combination needs must be provided by some rule.
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      const Rule& rule = pack_.rules[i];
      for (const auto& [field, kinds] :
           {std::pair<const char*, const std::vector<int>*>{"all", &rule.all},
            {"any", &rule.any},
            {"none", &rule.none}}) {
        for (int kind : *kinds) {
          if (provided_entities.count(kind) == 0) {
            faults_->Add(Child(Child("/rules", i), field),
                         absl::StrCat("no rule provides the entity \"",
                                      pack_.entity_kinds[kind], "\""));
          }
        }
      }
    }
  }

  Rule ReadRule(const json& value, const std::string& pointer) {
    Rule rule;
    ObjectReader reader(value, pointer, faults_);
    rule.id = reader.String("id", true);
    if (!rule.id.empty() && !IsIdentifier(rule.id)) {
      faults_->Add(reader.PointerTo("id"), "must match [a-z0-9][a-z0-9._-]*");
    }
    const std::string kind = reader.String("kind", true);
    if (kind == "pattern") {
      rule.kind = RuleKind::kPattern;
    } else if (kind == "lexicon") {
      rule.kind = RuleKind::kLexicon;
    } else if (kind == "combination") {
      rule.kind = RuleKind::kCombination;
    } else if (!kind.empty()) {
      faults_->Add(reader.PointerTo("kind"),
                   absl::StrCat("unknown rule kind \"", kind,
                                "\" (pattern, lexicon or combination)"));
      return rule;
    }
    ReadCommon(reader, &rule);
    switch (rule.kind) {
      case RuleKind::kPattern:
        reader.OnlyKnown(RuleFields({"entity", "context", "allow", "pattern",
                                     "case_insensitive", "whole_word", "group",
                                     "validator"}));
        ReadPattern(reader, &rule);
        break;
      case RuleKind::kLexicon:
        reader.OnlyKnown(RuleFields(
            {"entity", "context", "allow", "terms", "require_capital"}));
        ReadLexicon(reader, &rule);
        break;
      case RuleKind::kCombination:
        reader.OnlyKnown(RuleFields({"all", "any", "none", "scope", "anchor"}));
        ReadCombination(reader, &rule);
        break;
    }
    return rule;
  }

  void ReadCommon(ObjectReader& reader, Rule* rule) {
    rule->category = reader.String("category", true);
    if (!rule->category.empty()) {
      CheckCategory(rule->category, reader.PointerTo("category"));
    }
    rule->report = reader.Bool("report", true);
    const std::string severity = reader.String("severity", rule->report);
    if (!severity.empty()) {
      const std::optional<Severity> parsed = SeverityFromName(severity);
      if (!parsed) {
        faults_->Add(reader.PointerTo("severity"),
                     "must be info, warning or critical");
      } else {
        rule->severity = *parsed;
      }
    }
    RuleTexts& texts = rule->texts;
    texts.message = reader.String("message", rule->report);
    texts.message_en = reader.String("message_en", false);
    texts.guide = reader.String("guide", rule->report);
    texts.guide_url = reader.String("guide_url", false);
    texts.suggestion = reader.String("suggestion", false);
    texts.suggestion_en = reader.String("suggestion_en", false);
    reader.String("description", false);
    const std::string entity = reader.String("entity", false);
    if (!entity.empty()) {
      if (entity[0] == '$') {
        faults_->Add(reader.PointerTo("entity"),
                     "entity names starting with $ are reserved");
      }
      rule->entity = EntityIndex(entity);
    }
    if (!rule->report && rule->entity < 0 &&
        rule->kind != RuleKind::kCombination) {
      faults_->Add(reader.PointerTo("report"),
                   "a rule that does not report must provide an entity");
    }
    rule->base_score = reader.Number("base_score", 1.0, 0.0, 1.0);
    rule->min_score = reader.Number("min_score", 0.5, 0.0, 1.0);
    rule->requires_affiliation = reader.Bool("requires_affiliation", false);
    for (const std::string& name : reader.Strings("platforms", false)) {
      const std::optional<Platform> platform = PlatformFromName(name);
      if (!platform || *platform == Platform::kAny) {
        faults_->Add(reader.PointerTo("platforms"),
                     "platforms are facebook, x or linkedin");
      } else {
        rule->platforms.push_back(*platform);
      }
    }
    ReadContextGroups(reader, rule);
    ReadRuleTests(reader, rule);
  }

  void ReadContextGroups(ObjectReader& reader, Rule* rule) {
    const json* groups = reader.Get("context");
    if (groups == nullptr) return;
    const std::string pointer = reader.PointerTo("context");
    if (!groups->is_array()) {
      faults_->Add(pointer, "must be an array of context groups");
      return;
    }
    for (size_t i = 0; i < groups->size(); ++i) {
      ObjectReader group_reader((*groups)[i], Child(pointer, i), faults_);
      group_reader.OnlyKnown({"words", "before", "after", "delta"});
      ContextGroup group;
      group.before =
          static_cast<int>(group_reader.Integer("before", false, 5, 0, 50));
      group.after =
          static_cast<int>(group_reader.Integer("after", false, 0, 0, 50));
      group.delta = group_reader.Number("delta", 0, -1.0, 1.0);
      if (!group_reader.Has("delta")) {
        faults_->Add(group_reader.PointerTo("delta"), "missing required field");
      }
      for (const std::string& word : group_reader.Strings("words", true)) {
        ContextTerm term;
        std::string_view text = word;
        if (!text.empty() && text.back() == '*') {
          term.prefix = true;
          text.remove_suffix(1);
        }
        term.words = FoldedWords(text);
        if (term.words.empty()) {
          faults_->Add(group_reader.PointerTo("words"),
                       absl::StrCat("\"", word, "\" has no word in it"));
          continue;
        }
        if (term.words.size() == 1 && !term.prefix) {
          group.single_words.insert(std::move(term.words[0]));
        } else {
          group.terms.push_back(std::move(term));
        }
      }
      rule->context.push_back(std::move(group));
    }
  }

  void ReadRuleTests(ObjectReader& reader, Rule* rule) {
    const json* tests = reader.Get("tests");
    if (tests == nullptr) return;
    ObjectReader tests_reader(*tests, reader.PointerTo("tests"), faults_);
    tests_reader.OnlyKnown({"match", "no_match"});
    for (const auto& [key, out] :
         {std::pair<const char*, std::vector<RuleTestText>*>{
              "match", &rule->tests_match},
          {"no_match", &rule->tests_no_match}}) {
      const json* list = tests_reader.Get(key);
      if (list == nullptr) continue;
      const std::string pointer = tests_reader.PointerTo(key);
      if (!list->is_array()) {
        faults_->Add(pointer, "must be an array of texts");
        continue;
      }
      for (size_t i = 0; i < list->size(); ++i) {
        out->push_back(ReadTestText((*list)[i], Child(pointer, i), faults_));
      }
    }
  }

  void ReadPattern(ObjectReader& reader, Rule* rule) {
    rule->pattern = reader.String("pattern", true);
    rule->case_insensitive = reader.Bool("case_insensitive", false);
    rule->whole_word = reader.Bool("whole_word", true);
    rule->group = static_cast<int>(reader.Integer("group", false, 0, 0, 20));
    const std::string validator = reader.String("validator", false);
    if (!validator.empty()) {
      const std::optional<Validator> parsed = ValidatorFromName(validator);
      if (!parsed) {
        faults_->Add(reader.PointerTo("validator"),
                     absl::StrCat("unknown validator \"", validator, "\""));
      } else {
        rule->validator = *parsed;
      }
    }
    for (const std::string& allowed : reader.Strings("allow", false)) {
      rule->allow.push_back(CanonicalForm(rule->validator, allowed));
    }
    if (rule->pattern.empty()) return;
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(!rule->case_insensitive);
    auto regex = std::make_shared<const RE2>(rule->pattern, options);
    if (!regex->ok()) {
      faults_->Add(reader.PointerTo("pattern"),
                   absl::StrCat("RE2 refused the pattern: ", regex->error()));
    } else if (rule->group > regex->NumberOfCapturingGroups()) {
      faults_->Add(
          reader.PointerTo("group"),
          absl::StrCat("the pattern has only ",
                       regex->NumberOfCapturingGroups(), " capturing groups"));
    }
    rule->regex = std::move(regex);
  }

  // Terms: an array of strings, or one string holding a term per line (what
  // `vigie pack build` writes: parsing one string is much faster than tens
  // of thousands).
  void ReadLexicon(ObjectReader& reader, Rule* rule) {
    const json* terms = reader.Get("terms");
    const std::string pointer = reader.PointerTo("terms");
    if (terms == nullptr) {
      faults_->Add(pointer, "missing required field");
    } else if (terms->is_string()) {
      const std::string& lines = terms->get_ref<const std::string&>();
      size_t line = 1;
      for (size_t begin = 0; begin < lines.size(); ++line) {
        const size_t end = std::min(lines.find('\n', begin), lines.size());
        if (!AppendTermLine(std::string_view{lines}.substr(begin, end - begin),
                            &rule->term_lines)) {
          faults_->Add(pointer,
                       absl::StrCat("line ", line, " has no word in it"));
        }
        begin = end + 1;
      }
    } else if (terms->is_array()) {
      for (size_t i = 0; i < terms->size(); ++i) {
        const json& term = (*terms)[i];
        if (!term.is_string() || term.get_ref<const std::string&>().empty()) {
          faults_->Add(Child(pointer, i), "must be a non-empty string");
        } else if (!AppendTermLine(term.get_ref<const std::string&>(),
                                   &rule->term_lines)) {
          faults_->Add(Child(pointer, i), "has no word in it");
        }
      }
    } else {
      faults_->Add(pointer, "must be an array of strings or a string of lines");
    }
    if (terms != nullptr && rule->term_lines.empty()) {
      faults_->Add(pointer, "must not be empty");
    }
    rule->require_capital = reader.Bool("require_capital", false);
    for (const std::string& allowed : reader.Strings("allow", false)) {
      rule->allow.push_back(FoldAlnum(allowed));
    }
  }

  void ReadCombination(ObjectReader& reader, Rule* rule) {
    for (const auto& [key, out] :
         {std::pair<const char*, std::vector<int>*>{"all", &rule->all},
          {"any", &rule->any},
          {"none", &rule->none}}) {
      for (const std::string& kind :
           reader.Strings(key, key == std::string("all"))) {
        if (kind == "$affiliated" && out == &rule->any) {
          rule->any_affiliated = true;
        } else if (kind == "$photo_face" && out == &rule->any) {
          rule->any_photo_face = true;
        } else if (kind[0] == '$') {
          faults_->Add(reader.PointerTo(key),
                       absl::StrCat("unknown pseudo-entity \"", kind,
                                    "\" ($affiliated and $photo_face are "
                                    "allowed in any)"));
        } else {
          out->push_back(EntityIndex(kind));
        }
      }
    }
    if (reader.Has("all") && rule->all.empty()) {
      faults_->Add(reader.PointerTo("all"), "must name at least one entity");
    }
    const std::string anchor = reader.String("anchor", false);
    if (!anchor.empty()) {
      rule->anchor = EntityIndex(anchor);
      if (std::find(rule->all.begin(), rule->all.end(), rule->anchor) ==
          rule->all.end()) {
        faults_->Add(reader.PointerTo("anchor"), "must be one of /all");
      }
    } else if (!rule->all.empty()) {
      rule->anchor = rule->all.front();
    }
    ReadScope(reader, rule);
  }

  void ReadScope(ObjectReader& reader, Rule* rule) {
    const json* scope = reader.Get("scope");
    if (scope == nullptr) return;
    const std::string pointer = reader.PointerTo("scope");
    if (scope->is_string()) {
      const std::string& name = scope->get_ref<const std::string&>();
      if (name == "sentence") {
        rule->scope = CombinationScope::kSentence;
      } else if (name == "text") {
        rule->scope = CombinationScope::kText;
      } else {
        faults_->Add(pointer,
                     "must be \"sentence\", \"text\" or {\"chars\": N}");
      }
      return;
    }
    ObjectReader chars(*scope, pointer, faults_);
    chars.OnlyKnown({"chars"});
    rule->scope = CombinationScope::kChars;
    rule->scope_chars =
        static_cast<int>(chars.Integer("chars", true, 100, 1, 10000));
  }

  void ReadPackTests(ObjectReader& top) {
    const json* tests = top.Get("tests");
    if (tests == nullptr) return;
    if (!tests->is_array()) {
      faults_->Add("/tests", "must be an array of test cases");
      return;
    }
    for (size_t i = 0; i < tests->size(); ++i) {
      ObjectReader reader((*tests)[i], Child("/tests", i), faults_);
      reader.OnlyKnown(
          {"text", "expect", "platform", "affiliated", "photo_faces", "note"});
      PackTest test;
      test.text = reader.String("text", true);
      test.context = ReadContext(reader, faults_);
      reader.String("note", false);
      if (!reader.Has("expect")) {
        faults_->Add(reader.PointerTo("expect"), "missing required field");
      }
      test.expect = reader.Strings("expect", false);
      std::sort(test.expect.begin(), test.expect.end());
      pack_.tests.push_back(std::move(test));
    }
  }

  Faults* faults_;
  Pack pack_;
};

}  // namespace

absl::StatusOr<Pack> ParsePack(std::string_view json_text,
                               std::string_view source_name) {
  absl::StatusOr<json> document = ParseJsonDocument(json_text, source_name);
  if (!document.ok()) return document.status();
  Faults faults;
  Pack pack = PackParser(&faults).Parse(*document);
  if (faults.any()) {
    absl::Status status = absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", faults.first()));
    status.SetPayload(kFaultPointerPayload, absl::Cord(faults.pointer()));
    return status;
  }
  pack.info.source = std::string(source_name);
  return pack;
}

std::optional<std::string> PackFaultPointer(const absl::Status& status) {
  std::optional<absl::Cord> pointer = status.GetPayload(kFaultPointerPayload);
  if (!pointer) return std::nullopt;
  return static_cast<std::string>(*pointer);
}

}  // namespace vigie
