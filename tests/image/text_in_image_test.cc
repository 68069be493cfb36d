#include "core/image/ocr/text_in_image.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/image/image_rules.h"
#include "gtest/gtest.h"

namespace vigie::ocr {
namespace {

using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

json TextRule() {
  return json{{"id", "image-texte"},
              {"kind", "text"},
              {"min_confidence", 70},
              {"category", "secret_medical"},
              {"severity", "info"},
              {"prefix", "Texte lu dans la photo (« {text} ») : "},
              {"prefix_en", "Text read in the photo (\"{text}\"): "},
              {"message", "Texte lisible dans la photo : « {text} »."},
              {"message_unsure", "Texte possiblement lisible dans la photo."},
              {"guide", "Rappels juridiques — Secret médical"}};
}

// The engine's small test pack (NIR, phone, name + care context...) with
// one `text` image rule.
std::unique_ptr<Engine> TestEngine(const json& rule = TextRule()) {
  json pack =
      json::parse(ReadFile(VIGIE_SOURCE_DIR "/tests/data/minimal-pack.json"),
                  nullptr, false);
  pack["image"] = {{"rules", json::array({rule})}};
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(pack.dump(), "minimal-pack.json");
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? *std::move(engine) : nullptr;
}

std::string SectionError(const json& rule) {
  json section = {{"rules", json::array({rule})}};
  return std::string(
      image::ParseImageSection(section, "/image").status().message());
}

// Words of one line each at 10 px height, 10 px per character, one line
// every 20 px: easy boxes to check.
std::vector<Word> Lines(const std::vector<std::vector<std::string>>& lines,
                        double confidence = 92) {
  std::vector<Word> words;
  for (size_t l = 0; l < lines.size(); ++l) {
    int x = 10;
    for (const std::string& text : lines[l]) {
      const int w = static_cast<int>(text.size()) * 10;
      words.push_back({text,
                       confidence,
                       {x, 20 * static_cast<int>(l), w, 10},
                       static_cast<int>(l)});
      x += w + 10;
    }
  }
  return words;
}

TEST(TextRuleTest, TheDefaultPackHasAValidTextRule) {
  const json section =
      json::parse(ReadFile(VIGIE_SOURCE_DIR "/packs/chu-nantes/image.json"),
                  nullptr, false);
  absl::StatusOr<image::ImageRules> rules =
      image::ParseImageSection(section, "/image");
  ASSERT_TRUE(rules.ok()) << rules.status();
  int text_rules = 0;
  for (const image::ImageRule& rule : rules->rules) {
    if (rule.kind != image::ImageRuleKind::kText) continue;
    ++text_rules;
    EXPECT_GT(rule.min_confidence, 0);
    EXPECT_NE(rule.message.find("{text}"), std::string::npos);
    EXPECT_FALSE(rule.message_unsure.empty());
  }
  EXPECT_EQ(text_rules, 1);
}

TEST(TextRuleTest, ErrorsNameTheJsonPointer) {
  json rule = TextRule();
  rule["min_confidence"] = 120;
  EXPECT_EQ(SectionError(rule),
            "/image/rules/0/min_confidence: out of range [0.000000, "
            "100.000000]");
  rule = TextRule();
  rule["min_confidence"] = "high";
  EXPECT_EQ(SectionError(rule),
            "/image/rules/0/min_confidence: expected a number");
  rule = TextRule();
  rule.erase("message_unsure");
  EXPECT_EQ(SectionError(rule),
            "/image/rules/0/message_unsure: missing required field");
  rule = TextRule();
  rule["message"] = "Lu : {texte}";
  EXPECT_EQ(SectionError(rule),
            "/image/rules/0/message: unknown placeholder {texte}");
  json faces = {{"id", "faces"},
                {"kind", "faces"},
                {"category", "droit_image"},
                {"severity", "warning"},
                {"message", "1 visage"},
                {"message_many", "{count} visages"},
                {"guide", "Droit à l'image"},
                {"min_confidence", 50}};
  EXPECT_EQ(SectionError(faces),
            "/image/rules/0/min_confidence: only for kind text");
  faces.erase("min_confidence");
  faces["prefix_en"] = "Read: ";
  EXPECT_EQ(SectionError(faces),
            "/image/rules/0/prefix_en: only for kinds text_analysis, text, "
            "codes");
}

TEST(WordsFromJsonTest, ReadsWordsAndNamesTheFault) {
  const json words = json::parse(
      R"([{"text": "DUPONT", "confidence": 91.5, "x": 4, "y": 5, "w": 60,
           "h": 12, "line": 0}])");
  absl::StatusOr<std::vector<Word>> read = WordsFromJson(words);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].text, "DUPONT");
  EXPECT_EQ((*read)[0].box.w, 60);

  json bad = words;
  bad.push_back(words[0]);
  bad[1]["confidence"] = 140;
  EXPECT_EQ(WordsFromJson(bad).status().message(),
            "/1/confidence: expected a number in [0, 100]");
  bad = words;
  bad[0].erase("line");
  EXPECT_EQ(WordsFromJson(bad).status().message(),
            "/0/line: missing required field");
  bad = words;
  bad[0]["x"] = -3;
  EXPECT_EQ(WordsFromJson(bad).status().message(), "/0/x: out of range");
  EXPECT_EQ(WordsFromJson(json::object()).status().message(),
            ": expected an array of words");
}

TEST(TextInImageTest, ATextFindingPointsAtTheWordsItCovers) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  // Line 1: "NIR 2 55 08 14 168 025 38" (a valid NIR, the engine's rule).
  const std::vector<Word> words =
      Lines({{"DUPONT", "Jeanne"},
             {"NIR", "2", "55", "08", "14", "168", "025", "38"},
             {"Service", "B"}});
  const std::vector<TextFinding> found =
      TextInImageFindings(*engine, {}, words);
  ASSERT_EQ(found.size(), 1u);
  const TextFinding& nir = found[0];
  EXPECT_EQ(nir.finding.rule, "nir");
  EXPECT_EQ(nir.finding.category, "secret_medical");
  EXPECT_EQ(nir.finding.severity, "critical");
  EXPECT_EQ(nir.finding.source, "ocr");
  EXPECT_EQ(nir.finding.message,
            "Texte lu dans la photo (« NIR 2 55 08 14 168 025 38 ») : "
            "Numéro de sécurité sociale.");
  EXPECT_EQ(nir.finding.message_en,
            "Text read in the photo (\"NIR 2 55 08 14 168 025 38\"): "
            "Social security number.");
  ASSERT_EQ(nir.regions.size(), 1u);
  // From "2" (x = 50) to the end of "38" on line 1, not "NIR".
  EXPECT_EQ(nir.regions[0].x, words[3].box.x);
  EXPECT_EQ(nir.regions[0].y, 20);
  EXPECT_EQ(nir.regions[0].x + nir.regions[0].w,
            words[9].box.x + words[9].box.w);
  EXPECT_EQ(nir.regions[0].h, 10);
}

TEST(TextInImageTest, OneFindingPerTextRuleWithEveryRegion) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  const std::vector<TextFinding> found =
      TextInImageFindings(*engine, {},
                          Lines({{"Tel", "06", "12", "34", "56", "78"},
                                 {"ou", "06", "98", "76", "54", "32"}}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].finding.rule, "phone");
  EXPECT_EQ(found[0].finding.severity, "warning");
  ASSERT_EQ(found[0].regions.size(), 2u);
  EXPECT_EQ(found[0].regions[0].y, 0);
  EXPECT_EQ(found[0].regions[1].y, 20);
}

TEST(TextInImageTest, ACombinationAcrossWordsIsFound) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  const std::vector<TextFinding> found = TextInImageFindings(
      *engine, {}, Lines({{"Jeanne", "hospitalisée", "en", "chambre", "12"}}));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].finding.rule, "name-with-care");
  EXPECT_EQ(found[0].finding.severity, "critical");
}

TEST(TextInImageTest, ANameAndACareContextOnTwoLinesMeet) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  // A label: the name on one line, the care context on the next.
  const std::vector<TextFinding> found = TextInImageFindings(
      *engine, {},
      Lines({{"Jeanne"}, {"hospitalisée", "en", "chambre", "12"}}));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].finding.rule, "name-with-care");
  // The quote is the lines the finding covers, the region the name's box.
  EXPECT_EQ(found[0].finding.message,
            "Texte lu dans la photo (« Jeanne ») : Un nom de personne avec un "
            "contexte de soins.");
  ASSERT_EQ(found[0].regions.size(), 1u);
  EXPECT_EQ(found[0].regions[0].y, 0);
  // A full stop still ends the sentence.
  EXPECT_EQ(
      TextInImageFindings(
          *engine, {},
          Lines({{"Jeanne."}, {"Hospitalisée", "en", "chambre", "12"}}))[0]
          .finding.rule,
      "image-texte");
}

TEST(TextInImageTest, ReadableTextWithoutFindingIsAnInfoThatQuotesIt) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  const std::vector<TextFinding> found = TextInImageFindings(
      *engine, {}, Lines({{"Sortie", "de", "secours"}, {"Escalier", "B"}}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].finding.rule, "image-texte");
  EXPECT_EQ(found[0].finding.severity, "info");
  EXPECT_EQ(found[0].finding.message,
            "Texte lisible dans la photo : « Sortie de secours Escalier B ».");
  EXPECT_EQ(found[0].regions.size(), 2u);  // one per line
}

TEST(TextInImageTest, LongQuotesAreCutOnACharacterBoundary) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  std::vector<std::string> line;
  for (int i = 0; i < 20; ++i) line.push_back("éléphant");
  const std::vector<TextFinding> found =
      TextInImageFindings(*engine, {}, Lines({line}));
  ASSERT_EQ(found.size(), 1u);
  const std::string& message = found[0].finding.message;
  EXPECT_NE(message.find("éléphant…"), std::string::npos) << message;
  EXPECT_LT(message.size(), 140u);
}

TEST(TextInImageTest, LowConfidenceWordsAreNeverReadOnlyReported) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  // A NIR read with low confidence: no NIR finding, no words quoted.
  const std::vector<TextFinding> found = TextInImageFindings(
      *engine, {},
      Lines({{"DUPONT", "Jeanne"}, {"2", "55", "08", "14", "168", "025", "38"}},
            /*confidence=*/45));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].finding.rule, "image-texte.incertain");
  EXPECT_EQ(found[0].finding.severity, "info");
  EXPECT_EQ(found[0].finding.message,
            "Texte possiblement lisible dans la photo.");
  // Only words with 3 letters or digits count: "DUPONT Jeanne", "168", "025".
  ASSERT_EQ(found[0].regions.size(), 2u);
  EXPECT_EQ(found[0].regions[0].w, 60 + 10 + 60);
}

TEST(TextInImageTest, NoiseAndNoWordsGiveNothing) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_TRUE(TextInImageFindings(*engine, {}, {}).empty());
  EXPECT_TRUE(
      TextInImageFindings(*engine, {}, Lines({{"|", "—", "ee"}}, 30)).empty());
  EXPECT_TRUE(TextInImageFindings(*engine, {}, Lines({{"|", "—"}})).empty());
}

TEST(TextInImageTest, APackWithoutTextRuleReadsNothing) {
  json pack =
      json::parse(ReadFile(VIGIE_SOURCE_DIR "/tests/data/minimal-pack.json"),
                  nullptr, false);
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(pack.dump(), "minimal-pack.json");
  ASSERT_TRUE(engine.ok()) << engine.status();
  EXPECT_TRUE(TextInImageFindings(
                  **engine, {},
                  Lines({{"NIR", "2", "55", "08", "14", "168", "025", "38"}}))
                  .empty());
}

TEST(TextInImageTest, FindingsToJsonCarryRegions) {
  TextFinding f;
  f.finding.rule = "nir";
  f.regions.push_back({1, 2, 3, 4});
  const json j = TextFindingToJson(f);
  EXPECT_EQ(j["regions"][0], json({{"x", 1}, {"y", 2}, {"w", 3}, {"h", 4}}));
  EXPECT_EQ(j["start"], 0);
}

}  // namespace
}  // namespace vigie::ocr
