#include "labels.h"

#include <utility>

namespace vigie::inbox {
namespace {

using Label = std::pair<std::string_view, std::string_view>;

template <size_t N>
std::string_view Find(const Label (&labels)[N], std::string_view id) {
  for (const Label& label : labels) {
    if (label.first == id) {
      return label.second;
    }
  }
  return id;
}

constexpr Label kStates[] = {{"nouveau", "nouveau"},
                             {"en_cours", "en cours"},
                             {"traite", "traité"},
                             {"transmis", "transmis"},
                             {"rejete", "rejeté"}};

constexpr Label kReasons[] = {
    {"secret_medical", "Secret médical"},
    {"droit_image", "Droit à l'image"},
    {"propriete_intellectuelle", "Propriété intellectuelle"},
    {"diffamation_injure", "Diffamation ou injure"},
    {"devoir_reserve", "Devoir de réserve"},
    {"verification_sources", "Vérification des sources"},
    {"compte_officiel", "Compte officiel"},
    {"autre", "Autre"}};

constexpr Label kPlatforms[] = {
    {"facebook", "Facebook"}, {"x", "X"}, {"linkedin", "LinkedIn"}};

constexpr Label kDestinations[] = {
    {"direction_usagers", "Direction des usagers"},
    {"direction_ressources_humaines", "Direction des ressources humaines"}};

}  // namespace

std::string_view StateLabel(std::string_view state) {
  return Find(kStates, state);
}
std::string_view ReasonLabel(std::string_view reason) {
  return Find(kReasons, reason);
}
std::string_view PlatformLabel(std::string_view platform) {
  return Find(kPlatforms, platform);
}
std::string_view DestinationLabel(std::string_view destination) {
  return Find(kDestinations, destination);
}

}  // namespace vigie::inbox
