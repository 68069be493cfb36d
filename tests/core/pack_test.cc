#include "core/pack.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "nlohmann/json.hpp"

namespace vigie {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// A valid pack with one pattern rule; each test breaks one thing.
json ValidPack() {
  return json::parse(R"({
    "format": "vigie-pack", "format_version": 1, "id": "t", "version": 1,
    "issued": "2026-01-01", "expires": "2027-01-01", "locale": "fr",
    "rules": [{
      "id": "nir", "kind": "pattern", "category": "secret_medical",
      "severity": "critical", "message": "NIR", "guide": "Secret médical",
      "pattern": "\\d{15}", "validator": "nir"
    }]
  })");
}

std::string ErrorOf(const json& pack) {
  const absl::StatusOr<Pack> parsed = ParsePack(pack.dump(), "pack.json");
  if (parsed.ok()) return "(accepted)";
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

TEST(ParsePackTest, AcceptsAValidPack) {
  const absl::StatusOr<Pack> pack = ParsePack(ValidPack().dump(), "pack.json");
  ASSERT_TRUE(pack.ok()) << pack.status();
  EXPECT_EQ(pack->info.id, "t");
  EXPECT_EQ(pack->rules.size(), 1u);
  EXPECT_EQ(pack->rules[0].validator, Validator::kNir);
  EXPECT_EQ(pack->settings.max_text_chars, 100000u);
}

TEST(ParsePackTest, NotJsonNamesTheFileLineAndColumn) {
  const absl::StatusOr<Pack> pack =
      ParsePack("{\n  \"format\": \"vigie-pack\",\n  oops\n}", "pack.json");
  ASSERT_FALSE(pack.ok());
  EXPECT_THAT(pack.status().message(),
              HasSubstr("pack.json: line 3, column 3: not valid JSON"));
}

TEST(ParsePackTest, TheFaultsPointerTravelsWithTheError) {
  json pack = ValidPack();
  pack["rules"][0]["severity"] = "grave";
  const absl::StatusOr<Pack> bad = ParsePack(pack.dump(), "pack.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(PackFaultPointer(bad.status()), "/rules/0/severity");
  // Text that is not JSON has a line and column, not a pointer.
  const absl::StatusOr<Pack> not_json = ParsePack("{", "pack.json");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(PackFaultPointer(not_json.status()), std::nullopt);
}

TEST(ParsePackTest, MissingFieldNamesItsPointer) {
  json pack = ValidPack();
  pack["rules"][0].erase("message");
  EXPECT_EQ(ErrorOf(pack),
            "pack.json: /rules/0/message: missing required field");
}

TEST(ParsePackTest, WrongTypeNamesItsPointer) {
  json pack = ValidPack();
  pack["rules"][0]["base_score"] = "high";
  EXPECT_EQ(ErrorOf(pack), "pack.json: /rules/0/base_score: must be a number");
}

TEST(ParsePackTest, OutOfRangeNumber) {
  json pack = ValidPack();
  pack["rules"][0]["min_score"] = 1.5;
  EXPECT_THAT(ErrorOf(pack), HasSubstr("/rules/0/min_score: must be between"));
}

TEST(ParsePackTest, UnknownRuleKind) {
  json pack = ValidPack();
  pack["rules"][0]["kind"] = "neural";
  EXPECT_THAT(
      ErrorOf(pack),
      HasSubstr("pack.json: /rules/0/kind: unknown rule kind \"neural\""));
}

TEST(ParsePackTest, BadPatternQuotesRe2) {
  json pack = ValidPack();
  pack["rules"][0]["pattern"] = "(\\d{15}";
  EXPECT_THAT(
      ErrorOf(pack),
      HasSubstr("/rules/0/pattern: RE2 refused the pattern: missing )"));
}

TEST(ParsePackTest, LookaroundIsRefusedByRe2) {
  json pack = ValidPack();
  pack["rules"][0]["pattern"] = "(?<=M\\. )\\w+";
  EXPECT_THAT(ErrorOf(pack), HasSubstr("/rules/0/pattern: RE2 refused"));
}

TEST(ParsePackTest, DuplicateRuleIds) {
  json pack = ValidPack();
  pack["rules"].push_back(pack["rules"][0]);
  EXPECT_EQ(ErrorOf(pack), "pack.json: /rules/1/id: duplicate rule id \"nir\"");
}

TEST(ParsePackTest, UnknownCategory) {
  json pack = ValidPack();
  pack["rules"][0]["category"] = "rgpd";
  EXPECT_THAT(ErrorOf(pack),
              HasSubstr("/rules/0/category: unknown category \"rgpd\""));
}

TEST(ParsePackTest, UnknownFieldIsATypo) {
  json pack = ValidPack();
  pack["rules"][0]["severty"] = "info";
  EXPECT_EQ(ErrorOf(pack), "pack.json: /rules/0/severty: unknown field");
  json top = ValidPack();
  top["rulez"] = json::array();
  EXPECT_EQ(ErrorOf(top), "pack.json: /rulez: unknown field");
}

TEST(ParsePackTest, UnknownValidatorAndSeverity) {
  json pack = ValidPack();
  pack["rules"][0]["validator"] = "siren";
  EXPECT_THAT(ErrorOf(pack),
              HasSubstr("/rules/0/validator: unknown validator"));
  json severity = ValidPack();
  severity["rules"][0]["severity"] = "fatal";
  EXPECT_THAT(ErrorOf(severity), HasSubstr("/rules/0/severity: must be info"));
}

TEST(ParsePackTest, CombinationNeedsProvidedEntities) {
  json pack = ValidPack();
  pack["rules"].push_back(json::parse(R"({
    "id": "combo", "kind": "combination", "category": "secret_medical",
    "severity": "critical", "message": "m", "guide": "g",
    "all": ["person_name"]})"));
  EXPECT_THAT(ErrorOf(pack), HasSubstr("/rules/1/all: no rule provides the "
                                       "entity \"person_name\""));
}

TEST(ParsePackTest, FormatVersionAndDates) {
  json version = ValidPack();
  version["format_version"] = 2;
  EXPECT_THAT(ErrorOf(version), HasSubstr("/format_version: must be between"));
  json dates = ValidPack();
  dates["expires"] = "2025-01-01";
  EXPECT_EQ(ErrorOf(dates), "pack.json: /expires: must not be before /issued");
  json bad_date = ValidPack();
  bad_date["issued"] = "2026-02-30";
  EXPECT_EQ(ErrorOf(bad_date), "pack.json: /issued: must be a date YYYY-MM-DD");
}

TEST(ParsePackTest, EmptyRulesAndWrongRoot) {
  json pack = ValidPack();
  pack["rules"] = json::array();
  EXPECT_EQ(ErrorOf(pack),
            "pack.json: /rules: must be a non-empty array of rules");
  EXPECT_EQ(ErrorOf(json::array()), "pack.json: /: must be an object");
}

TEST(ParsePackTest, ContextGroupsNeedADelta) {
  json pack = ValidPack();
  pack["rules"][0]["context"] = json::parse(R"([{"words": ["secu"]}])");
  EXPECT_EQ(ErrorOf(pack),
            "pack.json: /rules/0/context/0/delta: missing required field");
}

TEST(ParsePackTest, JsonPointerEscapesKeys) {
  json pack = ValidPack();
  pack["rules"][0]["a/b~c"] = 1;
  EXPECT_EQ(ErrorOf(pack), "pack.json: /rules/0/a~1b~0c: unknown field");
}

}  // namespace
}  // namespace vigie

namespace vigie {
namespace {

TEST(ParsePackTest, ImageSectionFaultsKeepTheirPointer) {
  nlohmann::json pack = ValidPack();
  pack["image"] = nlohmann::json::parse(
      R"({"geofences": [{"id": "x", "name": "X", "polygon": "nowhere"}]})");
  EXPECT_THAT(ErrorOf(pack), HasSubstr("pack.json: /image/geofences/0"));
}

// The form `vigie pack build` writes: one string, a term per line.
json LexiconPack(const json& terms) {
  json pack = ValidPack();
  pack["rules"][0] = {{"id", "names"},
                      {"kind", "lexicon"},
                      {"category", "secret_medical"},
                      {"severity", "warning"},
                      {"message", "m"},
                      {"guide", "g"},
                      {"terms", terms}};
  return pack;
}

TEST(ParsePackTest, LexiconTermsAsOneStringOfLines) {
  const absl::StatusOr<Pack> pack = ParsePack(
      LexiconPack("marie\nJean-Pierre\nl’Hôtel-Dieu\n").dump(), "pack.json");
  ASSERT_TRUE(pack.ok()) << pack.status();
  // Folded, one term per line, as from an array.
  EXPECT_EQ(pack->rules[0].term_lines, "marie\njean pierre\nl hotel dieu\n");
  const absl::StatusOr<Pack> from_array =
      ParsePack(LexiconPack({"marie", "Jean-Pierre", "l’Hôtel-Dieu"}).dump(),
                "pack.json");
  ASSERT_TRUE(from_array.ok()) << from_array.status();
  EXPECT_EQ(from_array->rules[0].term_lines, pack->rules[0].term_lines);
}

TEST(ParsePackTest, LexiconTermFaultsNameTheirPointerAndLine) {
  EXPECT_EQ(ErrorOf(LexiconPack("marie\n - \njean")),
            "pack.json: /rules/0/terms: line 2 has no word in it");
  EXPECT_EQ(ErrorOf(LexiconPack({"marie", " - "})),
            "pack.json: /rules/0/terms/1: has no word in it");
  EXPECT_EQ(ErrorOf(LexiconPack({"marie", 3})),
            "pack.json: /rules/0/terms/1: must be a non-empty string");
  EXPECT_EQ(ErrorOf(LexiconPack("")),
            "pack.json: /rules/0/terms: must not be empty");
  EXPECT_EQ(ErrorOf(LexiconPack(json::array())),
            "pack.json: /rules/0/terms: must not be empty");
  EXPECT_EQ(ErrorOf(LexiconPack(7)),
            "pack.json: /rules/0/terms: must be an array of strings or a "
            "string of lines");
}

}  // namespace
}  // namespace vigie
