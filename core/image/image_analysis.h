// One call for a host (CLI, wasm): metadata and findings of one image file.
#ifndef VIGIE_CORE_IMAGE_IMAGE_ANALYSIS_H_
#define VIGIE_CORE_IMAGE_IMAGE_ANALYSIS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "core/image/bytes.h"
#include "core/image/image_findings.h"
#include "core/image/image_rules.h"
#include "core/image/metadata.h"
#include "nlohmann/json.hpp"

namespace vigie::image {

struct ImageAnalysis {
  ImageMetadata metadata;
  std::vector<ImageFinding> findings;
};

// Reads the metadata of `file` and applies `rules` (see ReadMetadata and
// EvaluateImageRules for errors and guarantees).
absl::StatusOr<ImageAnalysis> AnalyzeImage(Bytes file, const ImageRules& rules,
                                           const TextAnalyzer& analyzer);

// {"findings": [...], "metadata": {...}}
nlohmann::json AnalysisToJson(const ImageAnalysis& analysis);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_IMAGE_ANALYSIS_H_
