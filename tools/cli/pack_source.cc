#include "tools/cli/pack_source.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/json_document.h"
#include "core/text.h"
#include "tools/cli/cli_io.h"

namespace vigie::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

absl::StatusOr<json> ReadJson(const fs::path& path) {
  absl::StatusOr<std::string> text = ReadFile(path.string());
  if (!text.ok()) return text.status();
  return ParseJsonDocument(*text, path.string());
}

// Terms of a lexicon file: one per line, blank lines and '#' comments skipped.
// They are written as one string, a term per line, each as the engine
// compares it: its folded words one space apart. Folding here spares every
// browser that work each time its engine starts, and engines parse one long
// string much faster than an array of tens of thousands.
absl::StatusOr<json> ReadTerms(const fs::path& path) {
  absl::StatusOr<std::string> text = ReadFile(path.string());
  if (!text.ok()) return text.status();
  std::string terms;
  std::istringstream lines(*text);
  std::string line;
  for (size_t number = 1; std::getline(lines, line); ++number) {
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const size_t last = line.find_last_not_of(" \t\r");
    const std::string term = line.substr(first, last - first + 1);
    const auto fault = [&](std::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": line ", number, ": ", what));
    };
    if (!IsValidUtf8(term)) return fault("not UTF-8");
    const std::vector<std::string> words = FoldedWords(term);
    if (words.empty()) return fault("has no word in it");
    absl::StrAppend(&terms, terms.empty() ? "" : "\n",
                    absl::StrJoin(words, " "));
  }
  return json(std::move(terms));
}

RuleOrigin OriginOf(std::string file, std::string pointer, const json& rule) {
  RuleOrigin origin{std::move(file), std::move(pointer), "", false};
  if (rule.is_object()) {
    const auto id = rule.find("id");
    if (id != rule.end() && id->is_string()) origin.id = id->get<std::string>();
    origin.terms_file = rule.contains("terms_file");
  }
  return origin;
}

// Appends the rules of one rules/*.json file, inlining their terms files,
// and their origins.
absl::Status AppendRules(const fs::path& dir, const fs::path& file, json* rules,
                         std::vector<RuleOrigin>* origins) {
  absl::StatusOr<json> list = ReadJson(file);
  if (!list.ok()) return list.status();
  if (!list->is_array()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file.string(), ": must be an array of rules"));
  }
  for (size_t i = 0; i < list->size(); ++i) {
    json& rule = (*list)[i];
    origins->push_back(OriginOf(file.string(), absl::StrCat("/", i), rule));
    if (!rule.is_object() || !rule.contains("terms_file")) {
      rules->push_back(std::move(rule));
      continue;
    }
    const std::string pointer =
        absl::StrCat(file.string(), ": /", i, "/terms_file");
    const json& name = rule["terms_file"];
    if (!name.is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat(pointer, ": must be a string"));
    }
    if (rule.contains("terms")) {
      return absl::InvalidArgumentError(
          absl::StrCat(pointer, ": give either terms or terms_file, not both"));
    }
    absl::StatusOr<json> terms = ReadTerms(dir / name.get<std::string>());
    if (!terms.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(pointer, ": ", terms.status().message()));
    }
    rule.erase("terms_file");
    rule["terms"] = *std::move(terms);
    rules->push_back(std::move(rule));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<BuiltPack> BuildPackFromSource(const std::string& dir_name) {
  const fs::path dir(dir_name);
  absl::StatusOr<json> pack = ReadJson(dir / "pack.json");
  if (!pack.ok()) return pack.status();
  if (!pack->is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat((dir / "pack.json").string(), ": must be an object"));
  }
  BuiltPack built;
  built.dir = dir_name;
  json rules = pack->contains("rules") ? (*pack)["rules"] : json::array();
  const std::string header = (dir / "pack.json").string();
  for (size_t i = 0; rules.is_array() && i < rules.size(); ++i) {
    built.rules.push_back(
        OriginOf(header, absl::StrCat("/rules/", i), rules[i]));
  }
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir / "rules", error)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    if (absl::Status status = AppendRules(dir, file, &rules, &built.rules);
        !status.ok()) {
      return status;
    }
  }
  (*pack)["rules"] = std::move(rules);
  for (const auto& [file, key] :
       {std::pair<const char*, const char*>{"adapters.json", "adapters"},
        {"image.json", "image"}}) {
    if (!fs::exists(dir / file)) continue;
    absl::StatusOr<json> section = ReadJson(dir / file);
    if (!section.ok()) return section.status();
    (*pack)[key] = *std::move(section);
  }
  built.json =
      pack->dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  return built;
}

std::string SourceOf(const BuiltPack& pack, std::string_view pointer) {
  const fs::path dir(pack.dir);
  for (const auto& [section, file] :
       {std::pair<std::string_view, const char*>{"/adapters", "adapters.json"},
        {"/image", "image.json"}}) {
    if (pointer == section ||
        absl::StartsWith(pointer, absl::StrCat(section, "/"))) {
      const std::string_view rest = pointer.substr(section.size());
      return absl::StrCat((dir / file).string(), ": ",
                          rest.empty() ? "/" : rest);
    }
  }
  // "/rules/N" and what follows it.
  std::string_view rest = pointer;
  size_t index = 0;
  if (absl::ConsumePrefix(&rest, "/rules/")) {
    const size_t digits = rest.find('/');
    if (absl::SimpleAtoi(rest.substr(0, digits), &index) &&
        index < pack.rules.size()) {
      const RuleOrigin& origin = pack.rules[index];
      rest = digits == std::string_view::npos ? "" : rest.substr(digits);
      // Terms read from a terms_file: the admin edits that file.
      const bool terms = origin.terms_file && absl::StartsWith(rest, "/terms");
      return absl::StrCat(
          origin.file, ": ", origin.pointer, terms ? "/terms_file" : rest,
          origin.id.empty() ? "" : absl::StrCat(" (rule \"", origin.id, "\")"));
    }
  }
  return absl::StrCat((dir / "pack.json").string(), ": ", pointer);
}

}  // namespace vigie::cli
