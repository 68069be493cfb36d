// The public entry points of vigie::image for a whole file: which container
// it is, what its metadata says, and a copy without the metadata.
#ifndef VIGIE_CORE_IMAGE_IMAGE_METADATA_H_
#define VIGIE_CORE_IMAGE_IMAGE_METADATA_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/image/bytes.h"
#include "core/image/metadata.h"

namespace vigie::image {

// Files larger than this are refused (the caller holds them in memory).
inline constexpr size_t kMaxImageBytes = size_t{256} << 20;

Container DetectContainer(Bytes file);

// Reads the metadata of a JPEG, PNG, WebP or HEIF/AVIF file. Only headers and
// metadata blocks are read, never pixels. Errors: InvalidArgument for an
// unknown container, OutOfRange for a file over kMaxImageBytes. A damaged
// file gives what could be read, with `warnings`.
absl::StatusOr<ImageMetadata> ReadMetadata(Bytes file);

// A copy without metadata, pixel for pixel identical (see StripJpeg,
// StripPng, StripWebp). HEIF/AVIF: Unimplemented (no lossless rewrite; the
// extension re-encodes through the browser with the user's consent).
absl::StatusOr<std::string> StripMetadata(Bytes file);

}  // namespace vigie::image

#endif  // VIGIE_CORE_IMAGE_IMAGE_METADATA_H_
