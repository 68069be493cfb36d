#include "core/image/image_metadata.h"

#include "core/image/isobmff.h"
#include "core/image/jpeg.h"
#include "core/image/jpeg_segments.h"
#include "core/image/png.h"
#include "core/image/webp.h"

namespace vigie::image {

Container DetectContainer(Bytes file) {
  if (JpegSegmentReader::IsJpeg(file)) return Container::kJpeg;
  if (IsPng(file)) return Container::kPng;
  if (IsWebp(file)) return Container::kWebp;
  if (IsHeif(file)) return Container::kHeif;
  return Container::kUnknown;
}

absl::StatusOr<ImageMetadata> ReadMetadata(Bytes file) {
  if (file.size() > kMaxImageBytes) {
    return absl::OutOfRangeError("image larger than 256 MiB");
  }
  ImageMetadata meta;
  absl::Status status;
  switch (DetectContainer(file)) {
    case Container::kJpeg:
      status = ReadJpegMetadata(file, &meta);
      break;
    case Container::kPng:
      status = ReadPngMetadata(file, &meta);
      break;
    case Container::kWebp:
      status = ReadWebpMetadata(file, &meta);
      break;
    case Container::kHeif:
      status = ReadHeifMetadata(file, &meta);
      break;
    case Container::kUnknown:
      return absl::InvalidArgumentError(
          "not a JPEG, PNG, WebP, HEIC or AVIF image");
  }
  if (!status.ok()) return status;
  return meta;
}

absl::StatusOr<std::string> StripMetadata(Bytes file) {
  if (file.size() > kMaxImageBytes) {
    return absl::OutOfRangeError("image larger than 256 MiB");
  }
  switch (DetectContainer(file)) {
    case Container::kJpeg:
      return StripJpeg(file);
    case Container::kPng:
      return StripPng(file);
    case Container::kWebp:
      return StripWebp(file);
    case Container::kHeif:
      return absl::UnimplementedError(
          "HEIC/AVIF: no lossless metadata removal; re-encode the image");
    case Container::kUnknown:
      break;
  }
  return absl::InvalidArgumentError(
      "not a JPEG, PNG, WebP, HEIC or AVIF image");
}

}  // namespace vigie::image
