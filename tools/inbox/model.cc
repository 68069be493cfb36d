#include "model.h"

#include <algorithm>

namespace vigie::inbox {
namespace {

bool Contains(const std::vector<std::string_view>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

const std::vector<std::string_view>& ReasonIds() {
  static const auto* const kIds = new std::vector<std::string_view>{
      "secret_medical",     "droit_image",    "propriete_intellectuelle",
      "diffamation_injure", "devoir_reserve", "verification_sources",
      "compte_officiel",    "autre"};
  return *kIds;
}

const std::vector<std::string_view>& PlatformIds() {
  static const auto* const kIds =
      new std::vector<std::string_view>{"facebook", "x", "linkedin"};
  return *kIds;
}

const std::vector<std::string_view>& StateIds() {
  static const auto* const kIds = new std::vector<std::string_view>{
      "nouveau", "en_cours", "traite", "transmis", "rejete"};
  return *kIds;
}

const std::vector<std::string_view>& DestinationIds() {
  static const auto* const kIds = new std::vector<std::string_view>{
      "direction_usagers", "direction_ressources_humaines"};
  return *kIds;
}

bool IsReasonId(std::string_view id) { return Contains(ReasonIds(), id); }
bool IsPlatformId(std::string_view id) { return Contains(PlatformIds(), id); }
bool IsStateId(std::string_view id) { return Contains(StateIds(), id); }
bool IsDestinationId(std::string_view id) {
  return Contains(DestinationIds(), id);
}

bool IsAllowedTransition(std::string_view from, std::string_view to) {
  if (from == "nouveau") {
    return to == "en_cours" || to == "rejete";
  }
  if (from == "en_cours") {
    return to == "traite" || to == "transmis" || to == "rejete";
  }
  if (from == "traite" || from == "transmis" || from == "rejete") {
    return to == "en_cours";
  }
  return false;
}

std::string Earlier(const std::string& a, const std::string& b) {
  return b < a ? b : a;
}

}  // namespace vigie::inbox
