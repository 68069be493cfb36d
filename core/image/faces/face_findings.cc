#include "core/image/faces/face_findings.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace vigie::faces {
namespace {

std::string WithCount(std::string text, size_t count) {
  const std::string placeholder = "{count}";
  for (size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at)) {
    const std::string n = std::to_string(count);
    text.replace(at, placeholder.size(), n);
    at += n.size();
  }
  return text;
}

}  // namespace

double LowestFaceMinScore(const image::ImageRules& rules) {
  double lowest = -1;
  for (const image::ImageRule& rule : rules.rules) {
    if (rule.kind != image::ImageRuleKind::kFaces) continue;
    lowest = lowest < 0 ? rule.min_score : std::min(lowest, rule.min_score);
  }
  return lowest;
}

std::vector<FaceFinding> FaceFindings(const image::ImageRules& rules,
                                      const std::vector<Face>& faces) {
  std::vector<FaceFinding> out;
  for (const image::ImageRule& rule : rules.rules) {
    if (rule.kind != image::ImageRuleKind::kFaces) continue;
    FaceFinding f;
    for (const Face& face : faces) {
      if (face.score >= rule.min_score) f.regions.push_back(face);
    }
    if (f.regions.empty()) continue;
    const size_t n = f.regions.size();
    const bool many = n > 1;
    image::ImageFinding& finding = f.finding;
    finding.rule = rule.id;
    finding.category = rule.category;
    const bool crowd =
        rule.many_from > 0 && n >= static_cast<size_t>(rule.many_from);
    finding.severity = crowd ? rule.many_severity : rule.severity;
    finding.message = WithCount(many ? rule.message_many : rule.message, n);
    finding.message_en =
        WithCount(many && !rule.message_many_en.empty() ? rule.message_many_en
                                                        : rule.message_en,
                  n);
    finding.guide = rule.guide;
    finding.guide_url = rule.guide_url;
    finding.suggestion = WithCount(rule.suggestion, n);
    finding.suggestion_en = WithCount(rule.suggestion_en, n);
    finding.source = "pixels";
    finding.score = 0;
    for (const Face& face : f.regions) {
      finding.score = std::max(finding.score, double{face.score});
    }
    out.push_back(std::move(f));
  }
  return out;
}

nlohmann::json FaceFindingToJson(const FaceFinding& f) {
  nlohmann::json j = image::FindingToJson(f.finding);
  nlohmann::json regions = nlohmann::json::array();
  for (const Face& face : f.regions) {
    regions.push_back(
        {{"x", std::lround(face.x)},
         {"y", std::lround(face.y)},
         {"w", std::lround(face.width)},
         {"h", std::lround(face.height)},
         {"score", std::round(double{face.score} * 1000) / 1000}});
  }
  j["regions"] = std::move(regions);
  return j;
}

}  // namespace vigie::faces
