// IPTC-IIM records and the Photoshop image resources (JPEG APP13) that carry
// them, along with Photoshop's own thumbnail.
#ifndef VIGIE_CORE_IMAGE_IPTC_H_
#define VIGIE_CORE_IMAGE_IPTC_H_

#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

// Photoshop image resources ("8BIM" blocks), without the "Photoshop 3.0\0"
// header: IPTC (0x0404), thumbnails (0x0409, 0x040C), XMP (0x0424).
void ParsePhotoshopResources(Bytes irb, ImageMetadata* out);

// IPTC-IIM datasets (0x1C record dataset size value...).
void ParseIptc(Bytes iim, ImageMetadata* out);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_IPTC_H_
