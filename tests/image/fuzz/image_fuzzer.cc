// libFuzzer target for one container parser (VIGIE_FUZZ_CONTAINER: 1 JPEG,
// 2 PNG, 3 WebP, 4 HEIF, 0 all through DetectContainer). Reads metadata,
// strips, and reads the stripped copy, which must hold no metadata.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/image/image_metadata.h"
#include "core/image/isobmff.h"
#include "core/image/jpeg.h"
#include "core/image/metadata_json.h"
#include "core/image/png.h"
#include "core/image/webp.h"

#ifndef VIGIE_FUZZ_CONTAINER
#define VIGIE_FUZZ_CONTAINER 0
#endif

namespace {

using vigie::image::Bytes;
using vigie::image::ImageMetadata;

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckClean(const std::string& clean) {
  absl::StatusOr<ImageMetadata> after =
      vigie::image::ReadMetadata(Bytes(clean));
  if (!after.ok()) return;
  Check(!after->gps.has_value());
  Check(after->text_count() == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Bytes file(data, size);
  ImageMetadata meta;
  absl::StatusOr<std::string> clean;
#if VIGIE_FUZZ_CONTAINER == 1
  (void)vigie::image::ReadJpegMetadata(file, &meta);
  clean = vigie::image::StripJpeg(file);
#elif VIGIE_FUZZ_CONTAINER == 2
  (void)vigie::image::ReadPngMetadata(file, &meta);
  clean = vigie::image::StripPng(file);
#elif VIGIE_FUZZ_CONTAINER == 3
  (void)vigie::image::ReadWebpMetadata(file, &meta);
  clean = vigie::image::StripWebp(file);
#elif VIGIE_FUZZ_CONTAINER == 4
  (void)vigie::image::ReadHeifMetadata(file, &meta);
#else
  absl::StatusOr<ImageMetadata> read = vigie::image::ReadMetadata(file);
  if (read.ok()) meta = *read;
  clean = vigie::image::StripMetadata(file);
#endif
  Check(meta.text_count() <= vigie::image::kMaxTextEntries);
  (void)vigie::image::MetadataToJson(meta).dump();  // aborts on bad UTF-8
  if (clean.ok()) {
    Check(clean->size() <= size + 64);
    CheckClean(*clean);
  }
  return 0;
}
