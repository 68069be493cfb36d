// The "image" section of a rule pack: CHU site geofences and the rules that
// turn photo metadata into findings. Validated completely before use; errors
// name the JSON pointer of the fault.
//
//   {"geofences": [{"id", "name", "at"?, "polygon": [[lat, lon], ...],
//                   "margin_m", "approximate"?, "source"?}],
//    "rules": [{"id", "kind", "category", "severity", "message", "guide",
//    ...}]}
//
// Rule kinds: gps_in_geofence, gps, date, device, thumbnail, names, captions
// and text_analysis (names and captions go through the text engine), and
// faces (faces seen in the pixels, see core/image/faces/face_findings.h).
#ifndef VIGIE_CORE_IMAGE_IMAGE_RULES_H_
#define VIGIE_CORE_IMAGE_IMAGE_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/image/geofence.h"
#include "nlohmann/json.hpp"

namespace vigie::image {

inline constexpr size_t kMaxGeofences = 256;
inline constexpr size_t kMaxPolygonVertices = 2000;
inline constexpr double kMaxMarginM = 5000;

enum class ImageRuleKind {
  kGpsInGeofence,  // GPS inside a geofence (within its margin)
  kGps,            // any GPS position
  kDate,           // a capture or modification date
  kDevice,         // make, model, serial number, lens
  kThumbnail,      // an embedded preview that may show the uncropped photo
  kNames,          // author, owner, people named in the metadata
  kCaptions,       // description, title, comment, keywords
  kTextAnalysis,   // names and captions analysed by the text engine
  kFaces,          // faces detected in the pixels (not metadata)
};

// Default kFaces `min_score`: above the scores BlazeFace short range gives to
// a cat's face (0.52) and a colour wheel (0.58) among the test photos.
inline constexpr double kDefaultFaceMinScore = 0.65;

struct ImageRule {
  std::string id;
  ImageRuleKind kind = ImageRuleKind::kGps;
  std::string category;
  std::string severity;
  // Templates: {at}, {site}, {distance_m}, {date}, {device}, {names},
  // {captions}, {thumbnails}, {latitude}, {longitude}, {count} (faces).
  std::string message;
  std::string message_en;
  std::string guide;
  std::string guide_url;
  std::string suggestion;
  std::string suggestion_en;
  double score = 1.0;
  bool only_outside_geofences = false;  // kGps: silent inside a geofence
  std::string prefix;  // kTextAnalysis: put before the text engine's message
  // kFaces: the lowest detector score that counts as a face, and the message
  // for several faces ({count}); `message` is for one face.
  double min_score = kDefaultFaceMinScore;
  std::string message_many;
  std::string message_many_en;
};

struct ImageRules {
  std::vector<Geofence> geofences;
  std::vector<ImageRule> rules;
};

// Parses and validates the section. `pointer_prefix` is where the section
// sits in the pack ("/image"); errors read "/image/geofences/0/polygon: ...".
absl::StatusOr<ImageRules> ParseImageSection(const nlohmann::json& section,
                                             std::string_view pointer_prefix);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_IMAGE_RULES_H_
