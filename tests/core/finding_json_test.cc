#include "core/finding_json.h"

#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace vigie {
namespace {

using nlohmann::json;

Finding SampleFinding() {
  Finding finding;
  finding.rule = "nir";
  finding.category = "secret_medical";
  finding.severity = Severity::kCritical;
  finding.start = 3;
  finding.end = 18;
  finding.score = 0.6 + 0.3;  // 0.8999999999999999 in binary
  finding.why = "validated; context \"n° ss\" +0.3";
  finding.message = "Un numéro de sécurité sociale « NIR »\n";
  finding.guide = "Secret médical";
  return finding;
}

TEST(FindingJsonTest, ParsesBackToTheFinding) {
  std::string out;
  AppendFindingJson(SampleFinding(), &out);
  const json parsed = json::parse(out);
  EXPECT_EQ(parsed["rule"], "nir");
  EXPECT_EQ(parsed["category"], "secret_medical");
  EXPECT_EQ(parsed["severity"], "critical");
  EXPECT_EQ(parsed["start"], 3);
  EXPECT_EQ(parsed["end"], 18);
  EXPECT_EQ(parsed["why"], "validated; context \"n° ss\" +0.3");
  EXPECT_EQ(parsed["message"], "Un numéro de sécurité sociale « NIR »\n");
  EXPECT_EQ(parsed["guide"], "Secret médical");
}

TEST(FindingJsonTest, ScoresPrintAsThePackWritesThem) {
  Finding finding = SampleFinding();
  std::string out;
  AppendFindingJson(finding, &out);
  EXPECT_NE(out.find("\"score\":0.9,"), std::string::npos) << out;
  for (const auto& [score, printed] :
       {std::pair{1.0, "1.0"}, {0.0, "0.0"}, {0.85, "0.85"}, {0.05, "0.05"}}) {
    finding.score = score;
    out.clear();
    AppendFindingJson(finding, &out);
    EXPECT_NE(out.find(std::string("\"score\":") + printed + ","),
              std::string::npos)
        << out;
  }
}

TEST(FindingJsonTest, OptionalTextsOnlyWhenTheRuleHasThem) {
  Finding finding = SampleFinding();
  const json bare = json::parse(FindingsJson({finding}))[0];
  for (const char* key :
       {"message_en", "guide_url", "suggestion", "suggestion_en"}) {
    EXPECT_FALSE(bare.contains(key)) << key;
  }
  finding.suggestion = "Écrivez « un patient ».";
  finding.guide_url = "https://intranet.chu-nantes.fr/guide#secret";
  const json full = json::parse(FindingsJson({finding}))[0];
  EXPECT_EQ(full["suggestion"], "Écrivez « un patient ».");
  EXPECT_EQ(full["guide_url"], "https://intranet.chu-nantes.fr/guide#secret");
}

TEST(FindingJsonTest, EscapesEveryControlCharacter) {
  std::string text;
  for (char c = 0; c < 0x20; ++c) text.push_back(c);
  text += "\"\\/é";
  std::string out;
  AppendJsonString(text, &out);
  EXPECT_EQ(json::parse(out), text);
  EXPECT_EQ(out.find('\n'), std::string::npos);
}

TEST(FindingJsonTest, ListsAreArrays) {
  EXPECT_EQ(FindingsJson({}), "[]");
  const json two =
      json::parse(FindingsJson({SampleFinding(), SampleFinding()}));
  ASSERT_TRUE(two.is_array());
  EXPECT_EQ(two.size(), 2u);
}

}  // namespace
}  // namespace vigie
