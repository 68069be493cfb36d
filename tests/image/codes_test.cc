// The `codes` image rules: parsing and validation (errors with JSON
// pointers), and findings from codes a decoder read (the decoders themselves
// are tested in tests/node/codes-wasm.test.mjs and through the CLI).
#include <memory>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/image/codes/code_findings.h"
#include "core/image/engine_text_analyzer.h"
#include "core/image/image_rules.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::codes {
namespace {

using nlohmann::json;

json CodesRule() {
  return json{
      {"id", "image-code"},
      {"kind", "codes"},
      {"identifier_pattern", "^\\s*\\d{7,10}\\s*$"},
      {"category", "secret_medical"},
      {"severity", "warning"},
      {"message", "Un code {format} est lisible : « {content} »."},
      {"message_identifier", "Identifiant de patient dans un code {format}."},
      {"guide", "Rappels juridiques — Secret médical"},
      {"prefix", "Lu dans un code {format} : "},
      {"prefix_en", "Read from a {format}: "}};
}

json ProductRule() {
  return json{{"id", "image-code-produit"},
              {"kind", "codes"},
              {"formats", {"EAN-13", "UPC-A"}},
              {"category", "secret_medical"},
              {"severity", "info"},
              {"message", "Code-barres de produit ({format})."},
              {"guide", "Rappels juridiques — Secret médical"}};
}

image::ImageRules Rules(const std::vector<json>& rules) {
  json section = {{"rules", rules}};
  absl::StatusOr<image::ImageRules> parsed =
      image::ParseImageSection(section, "/image");
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *std::move(parsed) : image::ImageRules();
}

std::string SectionError(const json& rule) {
  json section = {{"rules", json::array({rule})}};
  return std::string(
      image::ParseImageSection(section, "/image").status().message());
}

// The engine's small test pack (NIR critical, phone warning...) with the
// codes rules.
std::unique_ptr<Engine> TestEngine() {
  json pack = json::parse(image::testing::ReadFileOrEmpty(
                              VIGIE_SOURCE_DIR "/tests/data/minimal-pack.json"),
                          nullptr, false);
  pack["image"] = {{"rules", json::array({ProductRule(), CodesRule()})}};
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(pack.dump(), "minimal-pack.json");
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? *std::move(engine) : nullptr;
}

DecodedCode Code(std::string format, std::string text) {
  return DecodedCode{std::move(format), std::move(text), 40, 60, 120, 118};
}

TEST(CodesRuleTest, TheDefaultPackHasValidCodesRules) {
  const json section =
      json::parse(image::testing::ReadFileOrEmpty(
                      VIGIE_SOURCE_DIR "/packs/chu-nantes/image.json"),
                  nullptr, false);
  absl::StatusOr<image::ImageRules> rules =
      image::ParseImageSection(section, "/image");
  ASSERT_TRUE(rules.ok()) << rules.status();
  int codes_rules = 0;
  for (const image::ImageRule& rule : rules->rules) {
    if (rule.kind != image::ImageRuleKind::kCodes) continue;
    ++codes_rules;
    EXPECT_EQ(rule.category, "secret_medical");
  }
  EXPECT_EQ(codes_rules, 2);
  // A bare IPP-like number in a DataMatrix is critical with the CHU pack; a
  // product's EAN-8 (8 digits too) is not.
  const std::vector<CodeFinding> found = CodeFindings(
      *rules, {Code("DataMatrix", "804512376"), Code("EAN-8", "96385074")},
      nullptr);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].finding.rule, "image-code");
  EXPECT_EQ(found[0].finding.severity, "critical");
  EXPECT_EQ(found[1].finding.rule, "image-code-produit");
  EXPECT_EQ(found[1].finding.severity, "info");
}

TEST(CodesRuleTest, RefusesBadFieldsWithTheirPointer) {
  json bad_pattern = CodesRule();
  bad_pattern["identifier_pattern"] = "(\\d{7";
  EXPECT_EQ(
      SectionError(bad_pattern)
          .rfind("/image/rules/0/identifier_pattern: RE2 refused the pattern",
                 0),
      0u)
      << SectionError(bad_pattern);

  json empty_formats = CodesRule();
  empty_formats["formats"] = json::array();
  EXPECT_EQ(SectionError(empty_formats),
            "/image/rules/0/formats: expected an array of 1 to 64 format "
            "names");

  json bad_format = CodesRule();
  bad_format["formats"] = {"QRCode", 7};
  const std::string expected =
      "/image/rules/0/formats/1: expected a format name (\"QRCode\", "
      "\"DataMatrix\", \"EAN-13\", \"Code128\"...)";
  EXPECT_EQ(SectionError(bad_format), expected);
  bad_format["formats"] = {"QRCode", "EAN 13x"};
  EXPECT_EQ(SectionError(bad_format), expected);
  // Either decoder's spelling is accepted.
  json spellings = CodesRule();
  spellings["formats"] = {"EAN13", "EAN-8", "data_matrix", "Code 128"};
  EXPECT_EQ(SectionError(spellings), "");

  json not_codes = json{{"id", "image-gps"},
                        {"kind", "gps"},
                        {"category", "droit_image"},
                        {"severity", "info"},
                        {"message", "GPS"},
                        {"guide", "g"},
                        {"identifier_pattern", "\\d+"}};
  EXPECT_EQ(SectionError(not_codes),
            "/image/rules/0/identifier_pattern: only for kind codes");

  json unknown_placeholder = CodesRule();
  unknown_placeholder["message"] = "Code {formats}";
  EXPECT_EQ(SectionError(unknown_placeholder),
            "/image/rules/0/message: unknown placeholder {formats}");
}

TEST(CodesFromJsonTest, ReadsCodesAndNamesTheFaultyField) {
  absl::StatusOr<std::vector<DecodedCode>> codes = CodesFromJson(json::parse(
      R"([{"format": "QRCode", "text": "https://chu-nantes.fr", "x": 10,
           "y": 20.5, "w": 30, "h": 40, "orientation": 0}])"));
  ASSERT_TRUE(codes.ok()) << codes.status();
  ASSERT_EQ(codes->size(), 1u);
  EXPECT_EQ((*codes)[0].format, "QRCode");
  EXPECT_EQ((*codes)[0].y, 20.5);

  EXPECT_EQ(CodesFromJson(json::object()).status().message(),
            ": expected an array of codes");
  EXPECT_EQ(CodesFromJson(json::parse(R"([{"format": "QRCode", "x": 0}])"))
                .status()
                .message(),
            "/0/text: expected a string");
  EXPECT_EQ(CodesFromJson(json::parse(R"([{"format": "QRCode", "text": "",
                                           "x": 0, "y": 0, "w": -1, "h": 2}])"))
                .status()
                .message(),
            "/0/w: must be >= 0");
  EXPECT_EQ(CodesFromJson(json::parse(R"([{"format": "", "text": ""}])"))
                .status()
                .message(),
            "/0/format: expected the format's name (\"QRCode\", "
            "\"EAN-13\"...)");
}

TEST(CodeFindingsTest, OneFindingPerCodeWithItsRegionAndFormat) {
  const image::ImageRules rules = Rules({ProductRule(), CodesRule()});
  const std::vector<CodeFinding> found =
      CodeFindings(rules,
                   {Code("QRCode", "https://www.chu-nantes.fr/"),
                    Code("EAN13", "3017620422003")},
                   nullptr);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].finding.rule, "image-code");
  EXPECT_EQ(found[0].finding.severity, "warning");
  EXPECT_EQ(found[0].finding.message,
            "Un code QR Code est lisible : « https://www.chu-nantes.fr/ ».");
  // "EAN13" (zxing-wasm) is the rule's "EAN-13" (libzxing).
  EXPECT_EQ(found[1].finding.rule, "image-code-produit");
  EXPECT_EQ(found[1].finding.message, "Code-barres de produit (EAN-13).");

  const json j = CodeFindingToJson(found[0]);
  EXPECT_EQ(j["format"], "QR Code");
  EXPECT_EQ(j["source"], "code");
  EXPECT_EQ(j["regions"],
            json::parse(R"([{"x": 40, "y": 60, "w": 120, "h": 118}])"));
  EXPECT_EQ(j["start"], 0);
}

TEST(CodeFindingsTest, IdentifierPatternMakesTheCodeCritical) {
  const image::ImageRules rules = Rules({CodesRule()});
  const std::vector<CodeFinding> found = CodeFindings(
      rules, {Code("DataMatrix", " 804512376 "), Code("DataMatrix", "12345")},
      nullptr);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].finding.severity, "critical");
  EXPECT_EQ(found[0].finding.message,
            "Identifiant de patient dans un code Data Matrix.");
  EXPECT_EQ(found[1].finding.severity, "warning");
}

TEST(CodeFindingsTest, ContentGoesThroughTheTextRules) {
  const std::unique_ptr<Engine> engine = TestEngine();
  ASSERT_NE(engine, nullptr);
  const image::TextAnalyzer analyzer =
      image::EngineTextAnalyzer(*engine, AnalysisContext());
  const std::vector<CodeFinding> found =
      CodeFindings(engine->pack().image,
                   {Code("QRCode", "Appelez le 02 40 12 34 56"),
                    Code("DataMatrix", "INS 2 55 08 14 168 025 38")},
                   analyzer);
  // Each code's own finding, then what the text rules found in it.
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].finding.rule, "image-code");
  EXPECT_EQ(found[0].finding.severity, "warning");
  EXPECT_EQ(found[1].finding.rule, "phone");
  EXPECT_EQ(found[1].finding.severity, "warning");
  EXPECT_EQ(found[1].finding.message.rfind("Lu dans un code QR Code : ", 0),
            0u);
  EXPECT_EQ(found[1].finding.message_en.rfind("Read from a QR Code: ", 0), 0u);
  EXPECT_EQ(found[1].code.x, 40);
  // A critical text finding (a NIR) makes the code itself critical.
  EXPECT_EQ(found[2].finding.rule, "image-code");
  EXPECT_EQ(found[2].finding.severity, "critical");
  EXPECT_EQ(found[3].finding.rule, "nir");
  EXPECT_EQ(found[3].finding.category, "secret_medical");
  EXPECT_EQ(found[3].finding.severity, "critical");
  EXPECT_EQ(CodeFindingToJson(found[3])["regions"][0]["w"], 120);
}

TEST(CodeFindingsTest, CodesWithoutARuleOrBinaryContent) {
  const image::ImageRules product_only = Rules({ProductRule()});
  EXPECT_TRUE(
      CodeFindings(product_only, {Code("QRCode", "x")}, nullptr).empty());
  // Control bytes are cleaned before they reach a message.
  const std::vector<CodeFinding> found =
      CodeFindings(Rules({CodesRule()}),
                   {Code("Code128", std::string("A\x1d"
                                                "B\x01",
                                                4))},
                   nullptr);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].finding.message,
            "Un code Code 128 est lisible : « A B ».");
}

}  // namespace
}  // namespace vigie::codes
