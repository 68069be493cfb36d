// WebP (RIFF): metadata in the EXIF and "XMP " chunks; lossless stripping
// with the RIFF size and the VP8X flags fixed.
#ifndef VIGIE_CORE_IMAGE_WEBP_H_
#define VIGIE_CORE_IMAGE_WEBP_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

bool IsWebp(Bytes file);

absl::Status ReadWebpMetadata(Bytes file, ImageMetadata* out);

// Keeps VP8X, ICCP, ANIM, ANMF, ALPH, VP8 and VP8L; drops EXIF, "XMP " and
// unknown chunks, clears the VP8X EXIF/XMP flags and rewrites the RIFF size.
// A non-upright orientation is kept in a minimal EXIF chunk.
absl::StatusOr<std::string> StripWebp(Bytes file);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_WEBP_H_
