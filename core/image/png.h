// PNG: metadata in eXIf, tEXt, zTXt, iTXt (including ImageMagick "Raw
// profile" text), tIME; lossless stripping of ancillary chunks.
#ifndef VIGIE_CORE_IMAGE_PNG_H_
#define VIGIE_CORE_IMAGE_PNG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

bool IsPng(Bytes file);

absl::Status ReadPngMetadata(Bytes file, ImageMetadata* out);

// Keeps the critical chunks and those that rendering needs (tRNS, gAMA,
// cHRM, sRGB, iCCP, sBIT, pHYs, bKGD, cICP, mDCv, cLLi and APNG's acTL,
// fcTL, fdAT); drops the others (text, eXIf, tIME, private chunks). Pixel
// data is copied byte for byte. A non-upright eXIf orientation is kept in a
// minimal eXIf chunk.
absl::StatusOr<std::string> StripPng(Bytes file);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_PNG_H_
