// XMP (RDF/XML) packets: a tolerant reader of the few properties Vigie cares
// about, in attribute or element form, with the usual namespace prefixes.
#ifndef VIGIE_CORE_IMAGE_XMP_H_
#define VIGIE_CORE_IMAGE_XMP_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/image/metadata.h"

namespace vigie::image {

// Reads GPS, dates, device, creators, descriptions and people names from an
// XMP packet. Linear in the packet size per property looked up; the packet is
// cut to kMaxXmpBytes first.
void ParseXmp(std::string_view xmp, ImageMetadata* out);

// "47,12.5N", "47,12,30N", "-1.55" or "47.2" as degrees; nullopt when not one.
std::optional<double> ParseXmpCoordinate(std::string_view value);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_XMP_H_
