// Turns detected faces into findings with the pack's `faces` image rules: one
// finding per rule when at least one face reaches the rule's min_score, with
// the count in the message and one region per face.
#ifndef VIGIE_CORE_IMAGE_FACES_FACE_FINDINGS_H_
#define VIGIE_CORE_IMAGE_FACES_FACE_FINDINGS_H_

#include <vector>

#include "core/image/faces/blazeface.h"
#include "core/image/image_findings.h"
#include "core/image/image_rules.h"
#include "nlohmann/json.hpp"

namespace vigie::faces {

struct FaceFinding {
  image::ImageFinding finding;  // score: the best face's
  std::vector<Face> regions;    // the faces counted, in picture pixels
};

// The lowest min_score of the pack's faces rules (what to ask the detector
// for), or a negative value when the pack has no faces rule.
double LowestFaceMinScore(const image::ImageRules& rules);

std::vector<FaceFinding> FaceFindings(const image::ImageRules& rules,
                                      const std::vector<Face>& faces);

// FindingToJson plus "regions": [{"x", "y", "w", "h", "score"}] (pixels,
// rounded to integers; score to 3 decimals).
nlohmann::json FaceFindingToJson(const FaceFinding& finding);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_FACE_FINDINGS_H_
