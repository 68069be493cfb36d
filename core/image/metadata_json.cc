#include "core/image/metadata_json.h"

#include <string>
#include <vector>

namespace vigie::image {
namespace {

nlohmann::json Texts(const std::vector<TextValue>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const TextValue& v : values) {
    out.push_back({{"source", v.source}, {"value", v.value}});
  }
  return out;
}

}  // namespace

nlohmann::json MetadataToJson(const ImageMetadata& meta) {
  nlohmann::json j = nlohmann::json::object();
  j["container"] = ContainerName(meta.container);
  if (meta.gps) {
    nlohmann::json gps = {{"latitude", meta.gps->latitude},
                          {"longitude", meta.gps->longitude},
                          {"source", meta.gps->source}};
    if (meta.gps->altitude_m) gps["altitude_m"] = *meta.gps->altitude_m;
    if (meta.gps->direction_deg)
      gps["direction_deg"] = *meta.gps->direction_deg;
    j["gps"] = gps;
  }
  if (!meta.make.empty()) j["make"] = meta.make;
  if (!meta.model.empty()) j["model"] = meta.model;
  if (!meta.date_original.empty()) j["date_original"] = meta.date_original;
  if (meta.orientation != 0) j["orientation"] = meta.orientation;
  j["names"] = Texts(meta.names);
  j["captions"] = Texts(meta.captions);
  j["dates"] = Texts(meta.dates);
  j["devices"] = Texts(meta.devices);
  j["software"] = Texts(meta.software);
  j["thumbnails"] = meta.thumbnails;
  j["blocks"] = meta.blocks;
  if (meta.undecoded_text) j["undecoded_text"] = true;
  if (!meta.warnings.empty()) j["warnings"] = meta.warnings;
  return j;
}

}  // namespace vigie::image
