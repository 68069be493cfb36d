#include "core/image/image_rules.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <string>
#include <utility>

#include "core/image/codes/format_names.h"
#include "re2/re2.h"

namespace vigie::image {
namespace {

using nlohmann::json;

constexpr const char* kCategories[] = {
    "secret_medical",     "droit_image",    "propriete_intellectuelle",
    "diffamation_injure", "devoir_reserve", "verification_sources",
    "compte_officiel"};
constexpr const char* kSeverities[] = {"info", "warning", "critical"};
constexpr const char* kPlaceholders[] = {
    "at",    "site",     "distance_m", "date",     "device",
    "names", "captions", "thumbnails", "latitude", "longitude",
    "count", "text",     "format",     "content"};

struct KindName {
  const char* name;
  ImageRuleKind kind;
};
constexpr KindName kKinds[] = {
    {"gps_in_geofence", ImageRuleKind::kGpsInGeofence},
    {"gps", ImageRuleKind::kGps},
    {"date", ImageRuleKind::kDate},
    {"device", ImageRuleKind::kDevice},
    {"thumbnail", ImageRuleKind::kThumbnail},
    {"names", ImageRuleKind::kNames},
    {"captions", ImageRuleKind::kCaptions},
    {"text_analysis", ImageRuleKind::kTextAnalysis},
    {"faces", ImageRuleKind::kFaces},
    {"text", ImageRuleKind::kText},
    {"codes", ImageRuleKind::kCodes},
};

absl::Status Error(const std::string& pointer, std::string_view what) {
  return absl::InvalidArgumentError(pointer + ": " + std::string(what));
}

bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

template <size_t N>
bool OneOf(const std::string& value, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options),
                     [&value](const char* option) { return value == option; });
}

// Checks that an object has only `allowed` keys.
template <size_t N>
absl::Status OnlyKeys(const json& object, const std::string& pointer,
                      const char* const (&allowed)[N]) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!OneOf(it.key(), allowed)) {
      return Error(pointer + "/" + it.key(), "unknown field");
    }
  }
  return absl::OkStatus();
}

// Reads a string field; `required` fields must be present and non-empty.
absl::Status GetString(const json& object, const std::string& pointer,
                       const char* key, bool required, std::string* out) {
  const auto it = object.find(key);
  if (it == object.end()) {
    return required ? Error(pointer + "/" + key, "missing required field")
                    : absl::OkStatus();
  }
  if (!it->is_string()) return Error(pointer + "/" + key, "expected a string");
  *out = it->get<std::string>();
  if (required && out->empty()) {
    return Error(pointer + "/" + key, "must not be empty");
  }
  return absl::OkStatus();
}

absl::Status GetNumber(const json& object, const std::string& pointer,
                       const char* key, double min, double max, bool required,
                       double* out) {
  const auto it = object.find(key);
  if (it == object.end()) {
    return required ? Error(pointer + "/" + key, "missing required field")
                    : absl::OkStatus();
  }
  if (!it->is_number()) return Error(pointer + "/" + key, "expected a number");
  const double v = it->get<double>();
  if (!std::isfinite(v) || v < min || v > max) {
    return Error(pointer + "/" + key, "out of range [" + std::to_string(min) +
                                          ", " + std::to_string(max) + "]");
  }
  *out = v;
  return absl::OkStatus();
}

absl::Status CheckTemplate(const std::string& text,
                           const std::string& pointer) {
  size_t pos = 0;
  while ((pos = text.find('{', pos)) != std::string::npos) {
    const size_t end = text.find('}', pos);
    if (end == std::string::npos) return Error(pointer, "unclosed '{'");
    const std::string name = text.substr(pos + 1, end - pos - 1);
    if (!OneOf(name, kPlaceholders)) {
      return Error(pointer, "unknown placeholder {" + name + "}");
    }
    pos = end + 1;
  }
  return absl::OkStatus();
}

absl::Status ParseGeofence(const json& j, const std::string& pointer,
                           Geofence* out) {
  if (!j.is_object()) return Error(pointer, "expected an object");
  static constexpr const char* kKeys[] = {
      "id",       "name",        "at",     "polygon",
      "margin_m", "approximate", "source", "description"};
  if (absl::Status s = OnlyKeys(j, pointer, kKeys); !s.ok()) return s;
  if (absl::Status s = GetString(j, pointer, "id", true, &out->id); !s.ok()) {
    return s;
  }
  if (!ValidId(out->id)) return Error(pointer + "/id", "invalid id");
  if (absl::Status s = GetString(j, pointer, "name", true, &out->name);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = GetString(j, pointer, "at", false, &out->at); !s.ok()) {
    return s;
  }
  if (out->at.empty()) out->at = "à " + out->name;
  std::string ignored;
  if (absl::Status s = GetString(j, pointer, "source", false, &ignored);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = GetString(j, pointer, "description", false, &ignored);
      !s.ok()) {
    return s;
  }
  if (j.contains("approximate") && !j["approximate"].is_boolean()) {
    return Error(pointer + "/approximate", "expected true or false");
  }
  if (absl::Status s = GetNumber(j, pointer, "margin_m", 0, kMaxMarginM, true,
                                 &out->margin_m);
      !s.ok()) {
    return s;
  }
  const std::string ppointer = pointer + "/polygon";
  const auto poly = j.find("polygon");
  if (poly == j.end()) return Error(ppointer, "missing required field");
  if (!poly->is_array() || poly->size() < 3) {
    return Error(ppointer, "expected an array of at least 3 [lat, lon] points");
  }
  if (poly->size() > kMaxPolygonVertices) {
    return Error(ppointer, "too many points (at most 2000)");
  }
  for (size_t i = 0; i < poly->size(); ++i) {
    const json& v = (*poly)[i];
    const std::string vp = ppointer + "/" + std::to_string(i);
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() ||
        !v[1].is_number()) {
      return Error(vp, "expected [lat, lon]");
    }
    const double lat = v[0].get<double>();
    const double lon = v[1].get<double>();
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      return Error(vp,
                   "latitude must be in [-90, 90], longitude in [-180, 180]");
    }
    out->polygon.push_back(LatLon{lat, lon});
  }
  return absl::OkStatus();
}

// kCodes: `formats` and `identifier_pattern` (the strings are already read).
absl::Status ParseCodesFields(const json& j, const std::string& pointer,
                              ImageRule* out) {
  for (const char* key : {"formats", "identifier_pattern", "message_identifier",
                          "message_identifier_en"}) {
    if (j.contains(key) && out->kind != ImageRuleKind::kCodes) {
      return Error(pointer + "/" + key, "only for kind codes");
    }
  }
  if (const auto it = j.find("formats"); it != j.end()) {
    if (!it->is_array() || it->empty() || it->size() > kMaxCodeFormats) {
      return Error(pointer + "/formats",
                   "expected an array of 1 to 64 format names");
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const json& name = (*it)[i];
      if (!name.is_string() || !codes::IsKnownFormat(name.get<std::string>())) {
        return Error(pointer + "/formats/" + std::to_string(i),
                     "expected a format name (\"QRCode\", \"DataMatrix\", "
                     "\"EAN-13\", \"Code128\"...)");
      }
      out->formats.push_back(name.get<std::string>());
    }
  }
  if (out->identifier_pattern.empty()) {
    if (j.contains("identifier_pattern")) {
      return Error(pointer + "/identifier_pattern", "must not be empty");
    }
    return absl::OkStatus();
  }
  if (out->identifier_pattern.size() > kMaxIdentifierPatternBytes) {
    return Error(pointer + "/identifier_pattern",
                 "too long (at most 1000 bytes)");
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_shared<const RE2>(out->identifier_pattern, options);
  if (!regex->ok()) {
    return Error(pointer + "/identifier_pattern",
                 "RE2 refused the pattern: " + regex->error());
  }
  out->identifier_regex = std::move(regex);
  return absl::OkStatus();
}

absl::Status ParseRule(const json& j, const std::string& pointer,
                       ImageRule* out) {
  if (!j.is_object()) return Error(pointer, "expected an object");
  static constexpr const char* kKeys[] = {"id",
                                          "kind",
                                          "category",
                                          "severity",
                                          "message",
                                          "message_en",
                                          "guide",
                                          "guide_url",
                                          "suggestion",
                                          "suggestion_en",
                                          "score",
                                          "only_outside_geofences",
                                          "prefix",
                                          "prefix_en",
                                          "description",
                                          "min_score",
                                          "message_many",
                                          "message_many_en",
                                          "many_from",
                                          "many_severity",
                                          "min_confidence",
                                          "message_unsure",
                                          "message_unsure_en",
                                          "formats",
                                          "identifier_pattern",
                                          "message_identifier",
                                          "message_identifier_en"};
  if (absl::Status s = OnlyKeys(j, pointer, kKeys); !s.ok()) return s;
  if (absl::Status s = GetString(j, pointer, "id", true, &out->id); !s.ok()) {
    return s;
  }
  if (!ValidId(out->id)) return Error(pointer + "/id", "invalid id");
  std::string kind;
  if (absl::Status s = GetString(j, pointer, "kind", true, &kind); !s.ok()) {
    return s;
  }
  bool known = false;
  for (const KindName& k : kKinds) {
    if (kind == k.name) {
      out->kind = k.kind;
      known = true;
    }
  }
  if (!known) {
    return Error(pointer + "/kind",
                 "unknown kind \"" + kind +
                     "\" (gps_in_geofence, gps, date, device, thumbnail, "
                     "names, captions, text_analysis, faces, text, codes)");
  }
  const bool reports = out->kind != ImageRuleKind::kTextAnalysis;
  struct Field {
    const char* key;
    bool required;
    std::string* value;
  };
  const Field fields[] = {
      {"category", reports, &out->category},
      {"severity", reports, &out->severity},
      {"message", reports, &out->message},
      {"message_en", false, &out->message_en},
      {"guide", reports, &out->guide},
      {"guide_url", false, &out->guide_url},
      {"suggestion", false, &out->suggestion},
      {"suggestion_en", false, &out->suggestion_en},
      {"prefix", false, &out->prefix},
      {"prefix_en", false, &out->prefix_en},
      {"message_many", false, &out->message_many},
      {"message_many_en", false, &out->message_many_en},
      {"many_severity", false, &out->many_severity},
      {"message_unsure", out->kind == ImageRuleKind::kText,
       &out->message_unsure},
      {"message_unsure_en", false, &out->message_unsure_en},
      {"identifier_pattern", false, &out->identifier_pattern},
      {"message_identifier", false, &out->message_identifier},
      {"message_identifier_en", false, &out->message_identifier_en},
      {"description", false, nullptr},
  };
  for (const Field& f : fields) {
    std::string ignored;
    if (absl::Status s = GetString(j, pointer, f.key, f.required,
                                   f.value != nullptr ? f.value : &ignored);
        !s.ok()) {
      return s;
    }
  }
  if (!reports) {
    for (const char* key : {"category", "severity", "message", "guide"}) {
      if (j.contains(key)) {
        return Error(pointer + "/" + key,
                     "text_analysis findings keep the text rules' fields");
      }
    }
  } else {
    if (!OneOf(out->category, kCategories)) {
      return Error(pointer + "/category", "unknown category");
    }
    if (!OneOf(out->severity, kSeverities)) {
      return Error(pointer + "/severity", "expected info, warning or critical");
    }
    for (const char* key : {"prefix", "prefix_en"}) {
      if (j.contains(key) && out->kind != ImageRuleKind::kText &&
          out->kind != ImageRuleKind::kCodes) {
        return Error(pointer + "/" + key,
                     "only for kinds text_analysis, text, codes");
      }
    }
  }
  for (const char* key :
       {"message", "message_en", "suggestion", "suggestion_en", "prefix",
        "prefix_en", "message_many", "message_many_en", "message_unsure",
        "message_unsure_en", "message_identifier", "message_identifier_en"}) {
    const auto it = j.find(key);
    if (it == j.end()) continue;
    if (absl::Status s =
            CheckTemplate(it->get<std::string>(), pointer + "/" + key);
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = GetNumber(j, pointer, "score", 0, 1, false, &out->score);
      !s.ok()) {
    return s;
  }
  if (const auto it = j.find("only_outside_geofences"); it != j.end()) {
    if (!it->is_boolean()) {
      return Error(pointer + "/only_outside_geofences",
                   "expected true or false");
    }
    if (out->kind != ImageRuleKind::kGps) {
      return Error(pointer + "/only_outside_geofences", "only for kind gps");
    }
    out->only_outside_geofences = it->get<bool>();
  }
  for (const char* key : {"min_score", "message_many", "message_many_en",
                          "many_from", "many_severity"}) {
    if (j.contains(key) && out->kind != ImageRuleKind::kFaces) {
      return Error(pointer + "/" + key, "only for kind faces");
    }
  }
  if (absl::Status s =
          GetNumber(j, pointer, "min_score", 0, 1, false, &out->min_score);
      !s.ok()) {
    return s;
  }
  if (out->kind == ImageRuleKind::kFaces && out->message_many.empty()) {
    return Error(pointer + "/message_many", "missing required field");
  }
  double many_from = 0;
  if (absl::Status s =
          GetNumber(j, pointer, "many_from", 2, 1000, false, &many_from);
      !s.ok()) {
    return s;
  }
  if (many_from != std::floor(many_from)) {
    return Error(pointer + "/many_from", "expected a whole number");
  }
  out->many_from = static_cast<int>(many_from);
  if ((out->many_from > 0) != j.contains("many_severity")) {
    return Error(
        pointer + (out->many_from > 0 ? "/many_severity" : "/many_from"),
        "many_from and many_severity go together");
  }
  if (!out->many_severity.empty() && !OneOf(out->many_severity, kSeverities)) {
    return Error(pointer + "/many_severity",
                 "expected info, warning or critical");
  }
  if (absl::Status s = ParseCodesFields(j, pointer, out); !s.ok()) return s;
  for (const char* key :
       {"min_confidence", "message_unsure", "message_unsure_en"}) {
    if (j.contains(key) && out->kind != ImageRuleKind::kText) {
      return Error(pointer + "/" + key, "only for kind text");
    }
  }
  return GetNumber(j, pointer, "min_confidence", 0, 100, false,
                   &out->min_confidence);
}

}  // namespace

absl::StatusOr<ImageRules> ParseImageSection(const json& section,
                                             std::string_view pointer_prefix) {
  const std::string root(pointer_prefix);
  if (!section.is_object()) return Error(root, "expected an object");
  static constexpr const char* kKeys[] = {"geofences", "rules", "description"};
  if (absl::Status s = OnlyKeys(section, root, kKeys); !s.ok()) return s;
  ImageRules rules;
  std::set<std::string> ids;
  if (const auto it = section.find("geofences"); it != section.end()) {
    if (!it->is_array()) return Error(root + "/geofences", "expected an array");
    if (it->size() > kMaxGeofences) {
      return Error(root + "/geofences", "too many geofences (at most 256)");
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string pointer = root + "/geofences/" + std::to_string(i);
      Geofence fence;
      if (absl::Status s = ParseGeofence((*it)[i], pointer, &fence); !s.ok()) {
        return s;
      }
      if (!ids.insert(fence.id).second) {
        return Error(pointer + "/id", "duplicate id \"" + fence.id + "\"");
      }
      rules.geofences.push_back(std::move(fence));
    }
  }
  const auto it = section.find("rules");
  if (it == section.end())
    return Error(root + "/rules", "missing required field");
  if (!it->is_array()) return Error(root + "/rules", "expected an array");
  ids.clear();
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string pointer = root + "/rules/" + std::to_string(i);
    ImageRule rule;
    if (absl::Status s = ParseRule((*it)[i], pointer, &rule); !s.ok()) return s;
    if (!ids.insert(rule.id).second) {
      return Error(pointer + "/id", "duplicate id \"" + rule.id + "\"");
    }
    if (rule.kind == ImageRuleKind::kGpsInGeofence && rules.geofences.empty()) {
      return Error(pointer + "/kind", "gps_in_geofence needs geofences");
    }
    rules.rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace vigie::image
