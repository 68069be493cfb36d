// What the engine reports: findings, and the context of the text analysed.

#ifndef VIGIE_CORE_FINDING_H_
#define VIGIE_CORE_FINDING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vigie {

enum class Severity { kInfo = 0, kWarning = 1, kCritical = 2 };

std::string_view SeverityName(Severity severity);
std::optional<Severity> SeverityFromName(std::string_view name);

enum class Platform { kAny, kFacebook, kX, kLinkedIn };

std::string_view PlatformName(Platform platform);
// "facebook", "x", "linkedin", or "" (kAny); nullopt for anything else.
std::optional<Platform> PlatformFromName(std::string_view name);

// Where the text is written: rules may depend on the platform and on whether
// the author's profile shows the CHU affiliation.
struct AnalysisContext {
  Platform platform = Platform::kAny;
  bool affiliated = false;
  // Faces seen in the photos attached to the post (the "$photo_face"
  // pseudo-entity of combination rules).
  int photo_faces = 0;
};

// One thing in the text that breaks the guide. Offsets are UTF-16 code units
// (what the DOM and JavaScript use); byte offsets into the UTF-8 text are
// kept for native callers.
//
// The string views point into the engine's pack: a finding must not outlive
// the engine that produced it.
struct Finding {
  std::string_view rule;
  std::string_view category;
  Severity severity = Severity::kInfo;
  size_t start = 0;
  size_t end = 0;
  size_t byte_start = 0;
  size_t byte_end = 0;
  double score = 0;
  // Why the score: the validator, the context words, the entities joined.
  std::string why;
  std::string_view message;
  std::string_view message_en;
  std::string_view guide;
  std::string_view guide_url;
  std::string_view suggestion;
  std::string_view suggestion_en;
};

}  // namespace vigie

#endif  // VIGIE_CORE_FINDING_H_
