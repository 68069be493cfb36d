#include "core/engine.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/pack_tests.h"
#include "nlohmann/json.hpp"

namespace vigie {
namespace {

std::string MinimalPackJson() {
  std::ifstream file(VIGIE_TEST_DATA "/minimal-pack.json");
  return std::string(std::istreambuf_iterator<char>(file), {});
}

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(MinimalPackJson(), "minimal-pack.json");
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = engine->release();
  }
  static void TearDownTestSuite() { delete engine_; }

  static std::vector<std::string> Rules(const std::string& text,
                                        AnalysisContext context = {}) {
    std::vector<std::string> rules;
    for (const Finding& f : engine_->Analyze(text, context)) {
      rules.emplace_back(f.rule);
    }
    return rules;
  }
  static std::string Underlined(const std::string& text, const Finding& f) {
    return text.substr(f.byte_start, f.byte_end - f.byte_start);
  }

  static Engine* engine_;
};
Engine* EngineTest::engine_ = nullptr;

using Ids = std::vector<std::string>;

TEST_F(EngineTest, FindsAValidNirAndIgnoresAWrongKey) {
  const std::string text = "Son numéro 2 55 08 14 168 025 38, merci";
  const std::vector<Finding> findings = engine_->Analyze(text, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "nir");
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_EQ(Underlined(text, findings[0]), "2 55 08 14 168 025 38");
  EXPECT_EQ(findings[0].start, 11u);  // "Son numéro " is 11 UTF-16 units
  EXPECT_EQ(findings[0].message, "Numéro de sécurité sociale.");
  EXPECT_EQ(findings[0].suggestion, "Retirez ce numéro.");
  EXPECT_EQ(Rules("commande 2 55 08 14 168 025 39"), Ids{});
}

TEST_F(EngineTest, ContextWordsRaiseTheScore) {
  const auto score = [](const std::string& text) {
    const std::vector<Finding> findings = engine_->Analyze(text, {});
    return findings.empty() ? -1.0 : findings[0].score;
  };
  EXPECT_DOUBLE_EQ(score("numéro 2 55 08 14 168 025 38"), 0.8);
  EXPECT_DOUBLE_EQ(score("ma sécurité sociale : 2 55 08 14 168 025 38"), 1.0);
  const std::vector<Finding> findings =
      engine_->Analyze("n° de SÉCU 2 55 08 14 168 025 38", {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].why.find("secu"), std::string::npos) << findings[0].why;
}

TEST_F(EngineTest, AllowListKeepsTheSwitchboardInAnyWriting) {
  EXPECT_EQ(Rules("Appelez le 06 12 34 56 78"), Ids{"phone"});
  EXPECT_EQ(Rules("Standard : 02 40 08 33 33"), Ids{});
  EXPECT_EQ(Rules("Standard : 02.40.08.33.33"), Ids{});
  EXPECT_EQ(Rules("Standard : +33 2 40 08 33 33"), Ids{});
}

TEST_F(EngineTest, LexiconsFoldCaseAccentsAndApostrophes) {
  EXPECT_EQ(Rules("quel CONNARD"), Ids{"insult"});
  EXPECT_EQ(Rules("une bande d’incapables"), Ids{"insult"});
  EXPECT_EQ(Rules("une BANDE D'INCAPABLES"), Ids{"insult"});
  // Whole words only.
  EXPECT_EQ(Rules("connardise"), Ids{});
}

TEST_F(EngineTest, CombinationNeedsBothEntitiesInOneSentence) {
  const std::string text = "Mme Durand est en chambre 12 depuis hier";
  const std::vector<Finding> findings = engine_->Analyze(text, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "name-with-care");
  EXPECT_EQ(Underlined(text, findings[0]), "Durand");
  EXPECT_EQ(Rules("Mme Durand est partie. La chambre 12 est libre."), Ids{});
  EXPECT_EQ(Rules("Mme Durand est de retour"), Ids{});
}

TEST_F(EngineTest, FirstNamesNeedACapitalLetter) {
  EXPECT_EQ(Rules("Rose a été hospitalisé hier"), Ids{"name-with-care"});
  EXPECT_EQ(Rules("une rose pour le service, hospitalisé ou pas"), Ids{});
}

TEST_F(EngineTest, SelfReferenceSuppressesTheCombination) {
  EXPECT_EQ(Rules("Jeanne ici : j'ai été hospitalisé en chambre 4"), Ids{});
}

TEST_F(EngineTest, AffiliationFromContextOrFromTheText) {
  AnalysisContext affiliated;
  affiliated.affiliated = true;
  EXPECT_EQ(Rules("Votez pour lui", affiliated), Ids{"reserve"});
  EXPECT_EQ(Rules("Votez pour lui"), Ids{});
  EXPECT_EQ(Rules("Au CHU de Nantes on dit : votez !"), Ids{"reserve"});
  EXPECT_EQ(Rules("Je parle au nom du CHU", affiliated),
            Ids{"affiliated-only"});
  EXPECT_EQ(Rules("Je parle au nom du CHU"), Ids{});
}

TEST_F(EngineTest, AFaceInAnAttachedPhotoMeetsTheCareContext) {
  AnalysisContext with_face;
  with_face.photo_faces = 1;
  EXPECT_EQ(Rules("De retour en chambre 12", with_face), Ids{"face-with-care"});
  EXPECT_EQ(Rules("De retour en chambre 12"), Ids{});
  EXPECT_EQ(Rules("De retour au bureau", with_face), Ids{});
}

TEST_F(EngineTest, PlatformRestrictedRules) {
  AnalysisContext linkedin;
  linkedin.platform = Platform::kLinkedIn;
  AnalysisContext x;
  x.platform = Platform::kX;
  EXPECT_EQ(Rules("Voici la page officielle du service", linkedin),
            Ids{"linkedin-only"});
  EXPECT_EQ(Rules("Voici la page officielle du service", x), Ids{});
}

TEST_F(EngineTest, Utf16OffsetsCountEmojiAsTwoUnits) {
  const std::string text = "😀😀 2 55 08 14 168 025 38";
  const std::vector<Finding> findings = engine_->Analyze(text, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 5u);
  EXPECT_EQ(findings[0].end, 5u + 21u);
}

// Property: wherever a NIR sits among random French text, emoji and
// combining accents, its finding's UTF-16 span is exactly where it was put.
TEST_F(EngineTest, RandomTextsKeepExactUtf16Spans) {
  const std::vector<std::string> pieces = {
      "a",  "é", "e\xCC\x81", "😀", "👩‍⚕️", "’", " ",
      "\n", "Œ", "🇫🇷",        "x"};
  const auto utf16_units = [](const std::string& s) {
    size_t units = 0;
    for (unsigned char c : s) {
      if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
    }
    return units;
  };
  std::mt19937 random(7);
  const std::string nir = "2 55 08 14 168 025 38";
  for (int round = 0; round < 300; ++round) {
    std::string before = " ";
    std::string after = " ";
    for (int i = static_cast<int>(random() % 12); i > 0; --i) {
      before = pieces[random() % pieces.size()] + before;
      after += pieces[random() % pieces.size()];
    }
    const std::string text = before + nir + after;
    const std::vector<Finding> findings = engine_->Analyze(text, {});
    ASSERT_EQ(findings.size(), 1u) << text;
    EXPECT_EQ(findings[0].start, utf16_units(before)) << text;
    EXPECT_EQ(findings[0].end, utf16_units(before) + 21) << text;
  }
}

TEST_F(EngineTest, LongTextsAreAnalysedUpToTheCapAndSaySo) {
  // The minimal pack caps texts at 2,000 UTF-16 units.
  std::string text = "Son NIR 2 55 08 14 168 025 38. ";
  while (text.size() < 1990) text += "bla ";
  text.resize(1995, ' ');
  text += "😀 NIR 1 53 07 2A 073 004 43";  // beyond the cap
  const std::vector<Finding> findings = engine_->Analyze(text, {});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "nir");
  EXPECT_EQ(findings[1].rule, kTruncationRule);
  EXPECT_EQ(findings[1].severity, Severity::kInfo);
  EXPECT_EQ(findings[1].start, 2000u);
  EXPECT_EQ(findings[1].end, 1995u + 2u + 26u);
  EXPECT_FALSE(findings[1].message.empty());
}

TEST_F(EngineTest, InvalidUtf8IsReadAsReplacementCharacters) {
  const std::string text = "\xFF\xFE 2 55 08 14 168 025 38";
  const std::vector<Finding> findings = engine_->Analyze(text, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 3u);
}

TEST_F(EngineTest, ResultsAreSortedAndDeterministic) {
  const std::string text =
      "connard 06 12 34 56 78 Mme Durand chambre 3 2 55 08 14 168 025 38";
  const std::vector<Finding> first = engine_->Analyze(text, {});
  const std::vector<Finding> second = engine_->Analyze(text, {});
  ASSERT_EQ(first.size(), 4u);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].rule, second[i].rule);
    EXPECT_EQ(first[i].start, second[i].start);
    if (i > 0) EXPECT_LE(first[i - 1].start, first[i].start);
  }
}

TEST_F(EngineTest, EmbeddedPackTestsPass) {
  const PackTestReport report = RunPackTests(*engine_);
  EXPECT_EQ(report.run, 8);
  EXPECT_TRUE(report.failures.empty()) << report.failures[0].pointer;
}

// A pack built for one behaviour at a time.
std::unique_ptr<Engine> EngineWith(const std::string& rules_json) {
  nlohmann::json pack = nlohmann::json::parse(R"({
    "format": "vigie-pack", "format_version": 1, "id": "t", "version": 1,
    "issued": "2026-01-01", "expires": "2027-01-01", "locale": "fr"})");
  pack["rules"] = nlohmann::json::parse(rules_json);
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(pack.dump(), "t.json");
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? *std::move(engine) : nullptr;
}

TEST(EngineRulesTest, OverlappingFindingsOfOneRuleMerge) {
  const auto engine = EngineWith(R"([{"id": "w", "kind": "lexicon",
      "category": "diffamation_injure", "severity": "warning", "message": "m",
      "guide": "g", "terms": ["bande", "bande d'incapables", "incapables"]}])");
  ASSERT_NE(engine, nullptr);
  const std::string text = "une bande d'incapables";
  const std::vector<Finding> findings = engine->Analyze(text, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(text.substr(findings[0].byte_start,
                        findings[0].byte_end - findings[0].byte_start),
            "bande d'incapables");
}

TEST(EngineRulesTest, WholeWordIsFrenchAware) {
  // RE2's \b would see "ris" as a word inside "Pâris" (â is not ASCII).
  const auto engine = EngineWith(R"([{"id": "w", "kind": "pattern",
      "category": "diffamation_injure", "severity": "info", "message": "m",
      "guide": "g", "pattern": "ris"}])");
  ASSERT_NE(engine, nullptr);
  EXPECT_TRUE(engine->Analyze("Pâris", {}).empty());
  EXPECT_TRUE(engine->Analyze("risée", {}).empty());
  EXPECT_EQ(engine->Analyze("un ris de veau", {}).size(), 1u);
}

TEST(EngineRulesTest, LargeLexiconsStillMatchEveryTerm) {
  nlohmann::json terms = nlohmann::json::array();
  for (int i = 0; i < 50000; ++i) terms.push_back("nom" + std::to_string(i));
  nlohmann::json rule = {{"id", "names"},
                         {"kind", "lexicon"},
                         {"category", "secret_medical"},
                         {"severity", "warning"},
                         {"message", "m"},
                         {"guide", "g"},
                         {"terms", terms}};
  const auto engine = EngineWith(nlohmann::json::array({rule}).dump());
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->Analyze("nom0 et NOM49999 mais pas nom50000", {}).size(),
            2u);
}

TEST(EngineRulesTest, LexiconTermsAsLinesMatchLikeAnArray) {
  const auto engine = EngineWith(R"([{"id": "w", "kind": "lexicon",
      "category": "secret_medical", "severity": "warning", "message": "m",
      "guide": "g", "terms": "marie\njean pierre\nbande d'incapables\nmarie"}])");
  ASSERT_NE(engine, nullptr);
  const std::string text = "Jean-Pierre, Marie et une bande d’incapables";
  const std::vector<Finding> findings = engine->Analyze(text, {});
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].start, 0u);
  EXPECT_EQ(findings[0].end, 11u);              // "Jean-Pierre"
  EXPECT_EQ(findings[2].end, text.size() - 2);  // ’: 3 bytes, 1 unit
}

TEST(EngineRulesTest, LexiconWordsOfEightBytesOrMoreMatchWhole) {
  // The trie compares a word's first 8 bytes before the rest: words that
  // share them ("hospital", "hospitalise", "hospitalisation") stay apart,
  // as do the words after a shared first word ("le chef", "le chef de").
  const auto engine = EngineWith(R"([{"id": "w", "kind": "lexicon",
      "category": "secret_medical", "severity": "warning", "message": "m",
      "guide": "g", "terms": ["hospital", "hospitalise", "le chef de service",
      "le chefaillon", "abcdefgh ijklmnopq"]}])");
  ASSERT_NE(engine, nullptr);
  const auto matched = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Finding& f : engine->Analyze(text, {})) {
      out.push_back(text.substr(f.byte_start, f.byte_end - f.byte_start));
    }
    return out;
  };
  EXPECT_EQ(matched("Hospital, hospitalisé, hospitalisation"),
            Ids({"Hospital", "hospitalisé"}));
  EXPECT_EQ(matched("le chef de service et le chef de bloc"),
            Ids({"le chef de service"}));
  EXPECT_EQ(matched("le chefaillon, le chefaillons"), Ids({"le chefaillon"}));
  EXPECT_EQ(matched("abcdefgh ijklmnopq abcdefgh ijklmnop abcdefg ijklmnopq"),
            Ids({"abcdefgh ijklmnopq"}));
}

TEST(EngineRulesTest, ConcurrentAnalysesGiveTheSameFindings) {
  // Each analysis borrows its own buffers from the engine.
  const auto engine = EngineWith(R"([{"id": "w", "kind": "lexicon",
      "category": "secret_medical", "severity": "warning", "message": "m",
      "guide": "g", "terms": ["marie", "chambre"]}])");
  ASSERT_NE(engine, nullptr);
  const std::string short_text = "Marie, chambre 3";
  const std::string long_text(5000, 'x');
  std::vector<size_t> counts(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        counts[t] += engine->Analyze(i % 2 ? short_text : long_text, {}).size();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t count : counts) EXPECT_EQ(count, 200u);
}

TEST(EngineRulesTest, ContextCanLowerAScoreBelowTheThreshold) {
  const auto engine = EngineWith(R"([{"id": "tel", "kind": "pattern",
      "category": "secret_medical", "severity": "warning", "message": "m",
      "guide": "g", "pattern": "0[67](?: ?\\d\\d){4}", "validator": "phone_fr",
      "base_score": 0.6, "min_score": 0.5,
      "context": [{"words": ["exemple", "fictif*"], "before": 3, "after": 3,
                   "delta": -0.3}]}])");
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->Analyze("appelle-la au 06 12 34 56 78", {}).size(), 1u);
  EXPECT_TRUE(engine->Analyze("numéro fictif 06 12 34 56 78", {}).empty());
  EXPECT_TRUE(engine->Analyze("06 12 34 56 78 par exemple", {}).empty());
}

TEST(EngineRulesTest, KindsReadOnlyByAnyOrNoneStillCount) {
  // The engine indexes only the entity kinds of the combinations that may
  // fire: "unit" (an `any`) and "care" (a `none`) must count for
  // "name-in-unit" even when "care-yesterday" cannot fire.
  const auto engine = EngineWith(R"([
    {"id": "name", "kind": "lexicon", "category": "secret_medical",
     "report": false, "entity": "name", "terms": ["durand"]},
    {"id": "care", "kind": "lexicon", "category": "secret_medical",
     "report": false, "entity": "care", "terms": ["chambre"]},
    {"id": "unit", "kind": "lexicon", "category": "secret_medical",
     "report": false, "entity": "unit", "terms": ["service"]},
    {"id": "day", "kind": "lexicon", "category": "secret_medical",
     "report": false, "entity": "day", "terms": ["hier"]},
    {"id": "care-yesterday", "kind": "combination",
     "category": "secret_medical", "severity": "critical", "message": "m",
     "guide": "g", "all": ["care", "day"], "scope": "text"},
    {"id": "name-in-unit", "kind": "combination",
     "category": "secret_medical", "severity": "warning", "message": "m",
     "guide": "g", "all": ["name"], "any": ["unit"], "none": ["care"],
     "scope": "text"}])");
  ASSERT_NE(engine, nullptr);
  const auto rules = [&](const std::string& text) {
    Ids ids;
    for (const Finding& f : engine->Analyze(text, {})) ids.emplace_back(f.rule);
    return ids;
  };
  EXPECT_EQ(rules("M. Durand, service B"), Ids{"name-in-unit"});
  EXPECT_EQ(rules("M. Durand, chambre 4, service B"), Ids{});
  EXPECT_EQ(rules("M. Durand, chambre 4, hier"), Ids{"care-yesterday"});
  EXPECT_EQ(rules("M. Durand est sorti"), Ids{});
}

}  // namespace
}  // namespace vigie
