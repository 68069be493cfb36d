// Decodes a PNG or JPEG file's bytes to RGBA pixels with Debian's libpng and
// libjpeg(-turbo), for the native CLI and tests (the browser decodes pictures
// itself, so this is not part of the wasm build), and turns them upright as
// browsers display them (EXIF orientation).
#ifndef VIGIE_CORE_IMAGE_FACES_DECODE_PIXELS_H_
#define VIGIE_CORE_IMAGE_FACES_DECODE_PIXELS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace vigie::faces {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 4
};

// Refuses other formats, damaged files and pictures over kMaxDecodePixels.
inline constexpr int64_t kMaxDecodePixels = int64_t{100} << 20;
absl::StatusOr<RgbaImage> DecodePixels(std::string_view file);

// The picture as displayed for an EXIF orientation (1..8; anything else
// leaves it as stored): 6 turns it a quarter clockwise, 8 anticlockwise,
// 3 half a turn, 2/4 mirror it, 5/7 transpose it.
RgbaImage Upright(const RgbaImage& image, int orientation);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_DECODE_PIXELS_H_
