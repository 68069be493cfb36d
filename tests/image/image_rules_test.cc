#include "core/image/image_rules.h"

#include <string>

#include "core/image/image_analysis.h"
#include "core/image/image_findings.h"
#include "gtest/gtest.h"
#include "tests/image/test_images.h"

namespace vigie::image {
namespace {

using nlohmann::json;

json PackSection() {
  return json::parse(
      testing::ReadFileOrEmpty(VIGIE_SOURCE_DIR "/packs/chu-nantes/image.json"),
      nullptr, false);
}

ImageRules PackRules() {
  absl::StatusOr<ImageRules> rules = ParseImageSection(PackSection(), "/image");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return rules.ok() ? *rules : ImageRules();
}

std::string Error(const json& section) {
  return std::string(ParseImageSection(section, "/image").status().message());
}

TEST(ImageRulesTest, TheDefaultPackSectionIsValid) {
  const ImageRules rules = PackRules();
  EXPECT_GE(rules.geofences.size(), 5u);
  EXPECT_GE(rules.rules.size(), 7u);
  EXPECT_EQ(rules.geofences[0].at, "à l'Hôtel-Dieu");
}

TEST(ImageRulesTest, ErrorsNameTheJsonPointer) {
  json s = PackSection();
  s["geofences"][1]["polygon"][2] = json::array({95, 0});
  EXPECT_EQ(Error(s),
            "/image/geofences/1/polygon/2: latitude must be in [-90, 90], "
            "longitude in [-180, 180]");
  s = PackSection();
  s["geofences"][0]["polygon"] = json::array({json::array({47, -1})});
  EXPECT_EQ(Error(s),
            "/image/geofences/0/polygon: expected an array of at least 3 "
            "[lat, lon] points");
  s = PackSection();
  s["rules"][0]["colour"] = "red";
  EXPECT_EQ(Error(s), "/image/rules/0/colour: unknown field");
  s = PackSection();
  s["rules"][1]["category"] = "secret";
  EXPECT_EQ(Error(s), "/image/rules/1/category: unknown category");
  s = PackSection();
  s["rules"][0]["message"] = "Prise {lieu}";
  EXPECT_EQ(Error(s), "/image/rules/0/message: unknown placeholder {lieu}");
  s = PackSection();
  s["rules"][2]["id"] = s["rules"][0]["id"];
  EXPECT_EQ(Error(s), "/image/rules/2/id: duplicate id \"image-gps-site-chu\"");
  s = PackSection();
  s["rules"][0].erase("guide");
  EXPECT_EQ(Error(s), "/image/rules/0/guide: missing required field");
  s = PackSection();
  s["rules"][0]["kind"] = "visages";
  EXPECT_NE(Error(s).find("/image/rules/0/kind: unknown kind"),
            std::string::npos);
  s = PackSection();
  s["geofences"][0]["margin_m"] = -1;
  EXPECT_NE(Error(s).find("/image/geofences/0/margin_m: out of range"),
            std::string::npos);
  EXPECT_EQ(Error(json::array()), "/image: expected an object");
  EXPECT_EQ(Error(json::object()), "/image/rules: missing required field");
}

ImageMetadata WithGps(double lat, double lon) {
  ImageMetadata meta;
  meta.container = Container::kJpeg;
  meta.gps = GpsPosition{lat, lon, {}, {}, "exif"};
  return meta;
}

const ImageFinding* Find(const std::vector<ImageFinding>& findings,
                         const std::string& rule) {
  for (const ImageFinding& f : findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

TEST(ImageRulesTest, GpsInsideTheHotelDieuIsCritical) {
  const std::vector<ImageFinding> findings =
      EvaluateImageRules(WithGps(47.2120, -1.5540), PackRules(), {});
  const ImageFinding* f = Find(findings, "image-gps-site-chu");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, "critical");
  EXPECT_EQ(f->category, "secret_medical");
  EXPECT_EQ(f->message.rfind("Cette photo indique qu'elle a été prise à "
                             "l'Hôtel-Dieu",
                             0),
            0u)
      << f->message;
  EXPECT_NE(f->message_en.find("Hôtel-Dieu"), std::string::npos);
  EXPECT_EQ(Find(findings, "image-gps"), nullptr);  // only outside sites
}

TEST(ImageRulesTest, GpsElsewhereIsAWarning) {
  const std::vector<ImageFinding> findings =
      EvaluateImageRules(WithGps(48.8566, 2.3522), PackRules(), {});
  EXPECT_EQ(Find(findings, "image-gps-site-chu"), nullptr);
  const ImageFinding* f = Find(findings, "image-gps");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, "warning");
  EXPECT_NE(f->message.find("48.85660, 2.35220"), std::string::npos);
}

TEST(ImageRulesTest, DeviceDateThumbnailNamesAndCaptions) {
  ImageMetadata meta;
  meta.make = "Apple";
  meta.model = "iPhone 15";
  meta.date_original = "2024:05:17 14:03:22";
  meta.AddText(TextKind::kName, "exif:Artist", "Jean Dupont");
  meta.AddText(TextKind::kCaption, "exif:ImageDescription", "Chambre 12");
  meta.AddThumbnail("exif:IFD1");
  const std::vector<ImageFinding> findings =
      EvaluateImageRules(meta, PackRules(), {});
  ASSERT_NE(Find(findings, "image-appareil"), nullptr);
  EXPECT_NE(Find(findings, "image-appareil")->message.find("Apple iPhone 15"),
            std::string::npos);
  EXPECT_EQ(Find(findings, "image-appareil")->severity, "info");
  EXPECT_NE(Find(findings, "image-date")->message.find("17/05/2024 14:03"),
            std::string::npos);
  EXPECT_NE(Find(findings, "image-noms")->message.find("Jean Dupont"),
            std::string::npos);
  EXPECT_NE(Find(findings, "image-legende")->message.find("« Chambre 12 »"),
            std::string::npos);
  EXPECT_EQ(Find(findings, "image-vignette")->severity, "warning");
  for (size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LT(findings[i - 1].rule, findings[i].rule);
  }
}

TEST(ImageRulesTest, NamesAndCaptionsGoThroughTheTextAnalyzer) {
  ImageMetadata meta;
  meta.AddText(TextKind::kName, "exif:Artist", "Jean Dupont");
  meta.AddText(TextKind::kCaption, "exif:ImageDescription", "Chambre 12");
  std::vector<std::string> seen;
  const TextAnalyzer analyzer = [&seen](std::string_view text) {
    seen.emplace_back(text);
    ImageFinding f;
    f.rule = "nom-contexte-soin";
    f.category = "secret_medical";
    f.severity = text == "Chambre 12" ? "critical" : "warning";
    f.message = "Nom d'un patient.";
    f.guide = "Secret médical";
    return std::vector<ImageFinding>{f};
  };
  const std::vector<ImageFinding> findings =
      EvaluateImageRules(meta, PackRules(), analyzer);
  EXPECT_EQ(seen, (std::vector<std::string>{"Jean Dupont", "Chambre 12"}));
  const ImageFinding* f = Find(findings, "nom-contexte-soin");
  ASSERT_NE(f, nullptr);  // merged into one, the most severe
  EXPECT_EQ(f->severity, "critical");
  EXPECT_EQ(f->source, "exif:ImageDescription");
  EXPECT_EQ(f->message, "Dans les métadonnées de la photo : Nom d'un patient.");
}

TEST(ImageRulesTest, FindingJsonHasTheTextShape) {
  const std::vector<ImageFinding> findings =
      EvaluateImageRules(WithGps(47.2120, -1.5540), PackRules(), {});
  ASSERT_FALSE(findings.empty());
  const json j = FindingToJson(findings[0]);
  for (const char* key : {"rule", "category", "severity", "start", "end",
                          "message", "guide", "score"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["start"], 0);
  EXPECT_EQ(j["end"], 0);
  EXPECT_FALSE(j.contains("region"));
}

TEST(ImageRulesTest, AnalyzeImageEndToEnd) {
  testing::TiffBuilder tiff;
  tiff.Ascii(testing::kIfd0, 0x010F, "Apple").Gps(47.2389, -1.6359);
  const std::string jpeg = testing::JpegWith({testing::ExifApp1(tiff.Build())});
  absl::StatusOr<ImageAnalysis> analysis =
      AnalyzeImage(Bytes(jpeg), PackRules(), {});
  ASSERT_TRUE(analysis.ok());
  const json j = AnalysisToJson(*analysis);
  EXPECT_EQ(j["metadata"]["container"], "jpeg");
  EXPECT_NEAR(j["metadata"]["gps"]["latitude"].get<double>(), 47.2389, 1e-6);
  bool critical = false;
  for (const json& f : j["findings"]) {
    if (f["rule"] == "image-gps-site-chu") {
      critical = true;
      EXPECT_NE(f["message"].get<std::string>().find("Hôpital Nord Laennec"),
                std::string::npos);
    }
  }
  EXPECT_TRUE(critical);
}

}  // namespace
}  // namespace vigie::image
