#include "core/image/image_analysis.h"

#include <utility>

#include "core/image/image_metadata.h"
#include "core/image/metadata_json.h"

namespace vigie::image {

absl::StatusOr<ImageAnalysis> AnalyzeImage(Bytes file, const ImageRules& rules,
                                           const TextAnalyzer& analyzer) {
  absl::StatusOr<ImageMetadata> meta = ReadMetadata(file);
  if (!meta.ok()) return meta.status();
  ImageAnalysis analysis;
  analysis.metadata = *std::move(meta);
  analysis.findings = EvaluateImageRules(analysis.metadata, rules, analyzer);
  return analysis;
}

nlohmann::json AnalysisToJson(const ImageAnalysis& analysis) {
  nlohmann::json findings = nlohmann::json::array();
  for (const ImageFinding& f : analysis.findings) {
    findings.push_back(FindingToJson(f));
  }
  nlohmann::json out = nlohmann::json::object();
  out["findings"] = std::move(findings);
  out["metadata"] = MetadataToJson(analysis.metadata);
  return out;
}

}  // namespace vigie::image
