// HEIF/HEIC and AVIF (ISO base media file format): the Exif and XMP items
// that the meta box lists, and thumbnail items. There is no lossless strip.
#ifndef VIGIE_CORE_IMAGE_ISOBMFF_H_
#define VIGIE_CORE_IMAGE_ISOBMFF_H_

#include "absl/status/status.h"
#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

// An ftyp box with a HEIF or AVIF brand (heic, heix, mif1, avif...).
bool IsHeif(Bytes file);

absl::Status ReadHeifMetadata(Bytes file, ImageMetadata* out);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_ISOBMFF_H_
