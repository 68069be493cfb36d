#include "core/finding.h"

#include <array>
#include <utility>

namespace vigie {
namespace {

constexpr std::array<std::pair<std::string_view, Severity>, 3> kSeverities = {
    {{"info", Severity::kInfo},
     {"warning", Severity::kWarning},
     {"critical", Severity::kCritical}}};

constexpr std::array<std::pair<std::string_view, Platform>, 4> kPlatforms = {
    {{"", Platform::kAny},
     {"facebook", Platform::kFacebook},
     {"x", Platform::kX},
     {"linkedin", Platform::kLinkedIn}}};

}  // namespace

std::string_view SeverityName(Severity severity) {
  for (const auto& [name, value] : kSeverities) {
    if (value == severity) return name;
  }
  return "";
}

std::optional<Severity> SeverityFromName(std::string_view name) {
  for (const auto& [known, value] : kSeverities) {
    if (known == name) return value;
  }
  return std::nullopt;
}

std::string_view PlatformName(Platform platform) {
  for (const auto& [name, value] : kPlatforms) {
    if (value == platform) return name;
  }
  return "";
}

std::optional<Platform> PlatformFromName(std::string_view name) {
  for (const auto& [known, value] : kPlatforms) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace vigie
