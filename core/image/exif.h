// EXIF: the TIFF structure that JPEG APP1, PNG eXIf, WebP EXIF and HEIF Exif
// items carry. Reads IFD0, the Exif and GPS IFDs and IFD1 (the thumbnail).
#ifndef VIGIE_CORE_IMAGE_EXIF_H_
#define VIGIE_CORE_IMAGE_EXIF_H_

#include <string>

#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

// Reads a TIFF header and its IFDs into `out`. Bad offsets, loops and
// truncation end the walk with a warning; what was read stays. Returns false
// when `tiff` does not even start with a TIFF header.
bool ParseExif(Bytes tiff, ImageMetadata* out);

// Skips an "Exif\0\0" prefix when there is one (JPEG APP1 always has it,
// other containers sometimes).
Bytes SkipExifPrefix(Bytes data);

// A minimal little-endian TIFF holding only IFD0/Orientation: what stripping
// keeps so that the photo is still shown the right way up.
std::string MinimalExifWithOrientation(int orientation);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_EXIF_H_
