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
// and text_analysis (names and captions go through the text engine), faces
// (faces seen in the pixels, see core/image/faces/face_findings.h) and text
// (text read in the pixels, see core/image/ocr/text_in_image.h), codes
// (barcodes and 2D codes read in the pixels, core/image/codes/code_findings.h).
#ifndef VIGIE_CORE_IMAGE_IMAGE_RULES_H_
#define VIGIE_CORE_IMAGE_IMAGE_RULES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/image/geofence.h"
#include "nlohmann/json.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace vigie::image {

inline constexpr size_t kMaxGeofences = 256;
inline constexpr size_t kMaxPolygonVertices = 2000;
inline constexpr double kMaxMarginM = 5000;
inline constexpr size_t kMaxCodeFormats = 64;
inline constexpr size_t kMaxIdentifierPatternBytes = 1000;

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
  kText,           // text read in the pixels (OCR), analysed by the text engine
  kCodes,          // barcodes and 2D codes read in the pixels
};

// Default kFaces `min_score`, for packs that set none: safe with either
// BlazeFace model (short range gives a cat's face 0.52 and a colour wheel
// 0.58). The default pack sets 0.55 for the full-range model it ships, whose
// photos without people stay under 0.48 (core/image/faces/README.md).
inline constexpr double kDefaultFaceMinScore = 0.65;

// Default kText `min_confidence` (tesseract's word confidence, 0-100): see
// the rule's description in packs/chu-nantes/image.json for the measures.
inline constexpr double kDefaultTextMinConfidence = 70;

struct ImageRule {
  std::string id;
  ImageRuleKind kind = ImageRuleKind::kGps;
  std::string category;
  std::string severity;
  // Templates: {at}, {site}, {distance_m}, {date}, {device}, {names},
  // {captions}, {thumbnails}, {latitude}, {longitude}, {count} (faces),
  // {text} (text read in the picture), {format} and {content} (codes).
  std::string message;
  std::string message_en;
  std::string guide;
  std::string guide_url;
  std::string suggestion;
  std::string suggestion_en;
  double score = 1.0;
  bool only_outside_geofences = false;  // kGps: silent inside a geofence
  // kTextAnalysis, kText, kCodes: put before the text engine's message (and
  // its English message).
  std::string prefix;
  std::string prefix_en;
  // kFaces: the lowest detector score that counts as a face, and the message
  // for several faces ({count}); `message` is for one face.
  double min_score = kDefaultFaceMinScore;
  std::string message_many;
  std::string message_many_en;
  // kFaces: from `many_from` faces on (0: never), the finding takes
  // `many_severity`: the consent of everyone in a crowd is rarely obtained.
  int many_from = 0;
  std::string many_severity;
  // kText: words below this confidence are not read as text; when only such
  // words are seen, `message_unsure` (an info) says text may be readable.
  double min_confidence = kDefaultTextMinConfidence;
  std::string message_unsure;
  std::string message_unsure_en;
  // kCodes: the decoders' formats this rule takes ("QRCode", "EAN-13"; empty:
  // any). A code whose content matches `identifier_pattern` (RE2, partial
  // match) is critical, with `message_identifier` when given.
  std::vector<std::string> formats;
  std::string identifier_pattern;
  std::shared_ptr<const re2::RE2> identifier_regex;  // compiled once
  std::string message_identifier;
  std::string message_identifier_en;
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
