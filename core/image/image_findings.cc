#include "core/image/image_findings.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/image/geofence.h"

namespace vigie::image {
namespace {

constexpr size_t kMaxListChars = 160;

int SeverityRank(const std::string& s) {
  return s == "critical" ? 2 : s == "warning" ? 1 : 0;
}

// Values joined by ", ", cut near kMaxListChars on a character boundary.
std::string JoinValues(const std::vector<TextValue>& values) {
  std::string out;
  for (const TextValue& v : values) {
    if (out.find(v.value) != std::string::npos) continue;
    if (!out.empty()) out += ", ";
    out += v.value;
    if (out.size() > kMaxListChars) break;
  }
  if (out.size() > kMaxListChars) {
    size_t cut = kMaxListChars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    out = out.substr(0, cut) + "…";
  }
  return out;
}

std::string Number(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// "2024:05:17 14:03:22" → "17/05/2024 à 14:03"; other forms unchanged.
std::string FrenchDate(const std::string& exif) {
  if (exif.size() >= 10 && exif[4] == ':' && exif[7] == ':') {
    std::string out =
        exif.substr(8, 2) + "/" + exif.substr(5, 2) + "/" + exif.substr(0, 4);
    if (exif.size() >= 16 && exif[10] == ' ') out += " " + exif.substr(11, 5);
    return out;
  }
  return exif;
}

struct Values {
  std::map<std::string, std::string> map;
  std::string Fill(const std::string& text) const {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
      const size_t open = text.find('{', pos);
      const size_t close =
          open == std::string::npos ? open : text.find('}', open);
      if (close == std::string::npos) {
        out += text.substr(pos);
        break;
      }
      out += text.substr(pos, open - pos);
      const auto it = map.find(text.substr(open + 1, close - open - 1));
      if (it != map.end()) out += it->second;
      pos = close + 1;
    }
    return out;
  }
};

ImageFinding Make(const ImageRule& rule, const Values& values,
                  std::string source) {
  ImageFinding f;
  f.rule = rule.id;
  f.category = rule.category;
  f.severity = rule.severity;
  f.message = values.Fill(rule.message);
  f.message_en = values.Fill(rule.message_en);
  f.guide = rule.guide;
  f.guide_url = rule.guide_url;
  f.suggestion = values.Fill(rule.suggestion);
  f.suggestion_en = values.Fill(rule.suggestion_en);
  f.score = rule.score;
  f.source = std::move(source);
  return f;
}

std::string Device(const ImageMetadata& meta) {
  std::string device = meta.make;
  if (!meta.model.empty() && meta.model.find(meta.make) != 0) {
    device += device.empty() ? meta.model : " " + meta.model;
  } else if (!meta.model.empty()) {
    device = meta.model;
  }
  if (device.empty() && !meta.devices.empty()) device = meta.devices[0].value;
  return device;
}

std::string BestDate(const ImageMetadata& meta) {
  if (!meta.date_original.empty()) return meta.date_original;
  return meta.dates.empty() ? std::string() : meta.dates[0].value;
}

void AnalyseTexts(const ImageMetadata& meta, const ImageRule& rule,
                  const TextAnalyzer& analyzer,
                  std::map<std::string, ImageFinding>* merged) {
  if (!analyzer) return;
  for (const auto* list : {&meta.names, &meta.captions}) {
    for (const TextValue& text : *list) {
      for (ImageFinding f : analyzer(text.value)) {
        f.message = rule.prefix + f.message;
        f.message_en = rule.prefix_en + f.message_en;
        f.source = text.source;
        auto it = merged->find(f.rule);
        if (it == merged->end()) {
          merged->emplace(f.rule, std::move(f));
        } else if (SeverityRank(f.severity) >
                       SeverityRank(it->second.severity) ||
                   (f.severity == it->second.severity &&
                    f.score > it->second.score)) {
          it->second = std::move(f);
        }
      }
    }
  }
}

}  // namespace

std::vector<ImageFinding> EvaluateImageRules(const ImageMetadata& meta,
                                             const ImageRules& rules,
                                             const TextAnalyzer& analyzer) {
  Values values;
  std::optional<GeofenceHit> hit;
  if (meta.gps) {
    hit = FindGeofence(LatLon{meta.gps->latitude, meta.gps->longitude},
                       rules.geofences);
    values.map["latitude"] = Number(meta.gps->latitude, 5);
    values.map["longitude"] = Number(meta.gps->longitude, 5);
  }
  if (hit) {
    values.map["site"] = hit->fence->name;
    values.map["at"] = hit->fence->at;
    values.map["distance_m"] = Number(hit->distance_m, 0);
  }
  values.map["date"] = FrenchDate(BestDate(meta));
  values.map["device"] = Device(meta);
  values.map["names"] = JoinValues(meta.names);
  values.map["captions"] = JoinValues(meta.captions);
  std::string thumbs;
  for (const std::string& t : meta.thumbnails) {
    thumbs += (thumbs.empty() ? "" : ", ") + t;
  }
  values.map["thumbnails"] = thumbs;

  std::vector<ImageFinding> findings;
  std::map<std::string, ImageFinding> from_text;
  for (const ImageRule& rule : rules.rules) {
    switch (rule.kind) {
      case ImageRuleKind::kGpsInGeofence:
        if (hit) findings.push_back(Make(rule, values, "gps"));
        break;
      case ImageRuleKind::kGps:
        if (meta.gps && !(rule.only_outside_geofences && hit)) {
          findings.push_back(Make(rule, values, "gps"));
        }
        break;
      case ImageRuleKind::kDate:
        if (!BestDate(meta).empty()) {
          findings.push_back(Make(rule, values, ""));
        }
        break;
      case ImageRuleKind::kDevice:
        if (!values.map["device"].empty()) {
          findings.push_back(Make(rule, values, ""));
        }
        break;
      case ImageRuleKind::kThumbnail:
        if (meta.has_thumbnail()) findings.push_back(Make(rule, values, ""));
        break;
      case ImageRuleKind::kNames:
        if (!meta.names.empty()) findings.push_back(Make(rule, values, ""));
        break;
      case ImageRuleKind::kCaptions:
        if (!meta.captions.empty()) findings.push_back(Make(rule, values, ""));
        break;
      case ImageRuleKind::kTextAnalysis:
        AnalyseTexts(meta, rule, analyzer, &from_text);
        break;
      case ImageRuleKind::kFaces:  // pixels: core/image/faces/face_findings.h
      case ImageRuleKind::kText:   // pixels: core/image/ocr/text_in_image.h
      case ImageRuleKind::kCodes:  // pixels: core/image/codes/code_findings.h
        break;
    }
  }
  for (auto& [id, f] : from_text) findings.push_back(std::move(f));
  std::stable_sort(findings.begin(), findings.end(),
                   [](const ImageFinding& a, const ImageFinding& b) {
                     return a.rule < b.rule;
                   });
  return findings;
}

nlohmann::json FindingToJson(const ImageFinding& f) {
  nlohmann::json j = nlohmann::json::object();
  j["rule"] = f.rule;
  j["category"] = f.category;
  j["severity"] = f.severity;
  j["start"] = 0;
  j["end"] = 0;
  j["message"] = f.message;
  if (!f.message_en.empty()) j["message_en"] = f.message_en;
  j["guide"] = f.guide;
  if (!f.guide_url.empty()) j["guide_url"] = f.guide_url;
  if (!f.suggestion.empty()) j["suggestion"] = f.suggestion;
  if (!f.suggestion_en.empty()) j["suggestion_en"] = f.suggestion_en;
  j["score"] = f.score;
  if (!f.source.empty()) j["source"] = f.source;
  return j;
}

}  // namespace vigie::image
