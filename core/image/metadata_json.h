// The metadata as JSON, for the CLI and the wasm boundary.
#ifndef VIGIE_CORE_IMAGE_METADATA_JSON_H_
#define VIGIE_CORE_IMAGE_METADATA_JSON_H_

#include "core/image/metadata.h"
#include "nlohmann/json.hpp"

namespace vigie::image {

// {"container", "gps"?: {"latitude", "longitude", "altitude_m"?,
//  "direction_deg"?, "source"}, "make"?, "model"?, "date_original"?,
//  "orientation"?, "names": [{"source", "value"}], "captions", "dates",
//  "devices", "software", "thumbnails": [...], "blocks": [...],
//  "undecoded_text"?, "warnings"?}
nlohmann::json MetadataToJson(const ImageMetadata& meta);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_METADATA_JSON_H_
