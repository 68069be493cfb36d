// JPEG: metadata in APP0 (JFIF thumbnails), APP1 (EXIF, XMP), APP2 (ICC,
// MPF), APP13 (Photoshop/IPTC) and COM segments; lossless stripping.
#ifndef VIGIE_CORE_IMAGE_JPEG_H_
#define VIGIE_CORE_IMAGE_JPEG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

// Reads the segments before the first scan. Malformed data after something
// was read gives a partial result with a warning; a file that is not a JPEG
// gives InvalidArgument.
absl::Status ReadJpegMetadata(Bytes file, ImageMetadata* out);

// The same JPEG with every metadata segment removed and the compressed image
// data copied byte for byte. Kept: JFIF (without its thumbnail), the ICC
// profile, Adobe APP14 (colour transform) and, when the photo is not upright,
// a minimal EXIF holding only the orientation. Data after EOI (phone
// trailers, extra MPF images) is dropped.
absl::StatusOr<std::string> StripJpeg(Bytes file);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_JPEG_H_
