// Turns photo metadata into findings shaped like the text engine's (start and
// end 0, no region), following the pack's image rules.
#ifndef VIGIE_CORE_IMAGE_IMAGE_FINDINGS_H_
#define VIGIE_CORE_IMAGE_IMAGE_FINDINGS_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/image/image_rules.h"
#include "core/image/metadata.h"
#include "nlohmann/json.hpp"

namespace vigie::image {

struct ImageFinding {
  std::string rule;
  std::string category;
  std::string severity;
  std::string message;
  std::string message_en;
  std::string guide;
  std::string guide_url;
  std::string suggestion;
  std::string suggestion_en;
  double score = 1.0;
  // Where in the metadata ("exif:Artist"); empty when not one field.
  std::string source;
};

// Analyses one metadata text with the text engine and returns its findings
// (offsets are meaningless here and are not kept). The host supplies it:
// vigie_image does not depend on the engine.
using TextAnalyzer =
    std::function<std::vector<ImageFinding>(std::string_view text)>;

// Findings for `meta` under `rules`, sorted by rule id (every finding has
// start = end = 0). Text-engine findings of one rule are merged into one
// (highest severity, then score). `analyzer` may be empty.
std::vector<ImageFinding> EvaluateImageRules(const ImageMetadata& meta,
                                             const ImageRules& rules,
                                             const TextAnalyzer& analyzer);

// {"rule", "category", "severity", "start": 0, "end": 0, "message", ...}.
nlohmann::json FindingToJson(const ImageFinding& finding);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_IMAGE_FINDINGS_H_
