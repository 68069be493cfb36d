#include "core/image/faces/decode_pixels.h"

#include <jpeglib.h>
#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>

#include "absl/status/status.h"

namespace vigie::faces {
namespace {

absl::StatusOr<RgbaImage> DecodePng(std::string_view file) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, file.data(), file.size())) {
    return absl::InvalidArgumentError(std::string("unreadable PNG: ") +
                                      png.message);
  }
  if (int64_t{png.width} * png.height > kMaxDecodePixels) {
    png_image_free(&png);
    return absl::InvalidArgumentError("picture too large to analyse");
  }
  png.format = PNG_FORMAT_RGBA;
  RgbaImage out;
  out.width = static_cast<int>(png.width);
  out.height = static_cast<int>(png.height);
  out.pixels.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, out.pixels.data(), 0, nullptr)) {
    return absl::InvalidArgumentError(std::string("unreadable PNG: ") +
                                      png.message);
  }
  return out;
}

// libjpeg reports errors through a callback that must not return.
struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void OnJpegError(j_common_ptr info) {
  JpegError* error = reinterpret_cast<JpegError*>(info->err);
  error->mgr.format_message(info, error->message);
  std::longjmp(error->jump, 1);
}

absl::StatusOr<RgbaImage> DecodeJpeg(std::string_view file) {
  jpeg_decompress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.mgr);
  error.mgr.error_exit = OnJpegError;
  error.mgr.output_message = [](j_common_ptr) {};  // warnings: stay quiet
  // Declared before setjmp: nothing with a destructor is created after it.
  RgbaImage out;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    return absl::InvalidArgumentError(std::string("unreadable JPEG: ") +
                                      error.message);
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(file.data()),
               static_cast<unsigned long>(file.size()));
  jpeg_read_header(&info, TRUE);
  if (int64_t{info.image_width} * info.image_height > kMaxDecodePixels) {
    jpeg_destroy_decompress(&info);
    return absl::InvalidArgumentError("picture too large to analyse");
  }
  info.out_color_space = JCS_EXT_RGBA;  // libjpeg-turbo
  jpeg_start_decompress(&info);
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 4);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.pixels.data() +
                   static_cast<size_t>(info.output_scanline) * out.width * 4;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return out;
}

}  // namespace

RgbaImage Upright(const RgbaImage& image, int orientation) {
  if (orientation < 2 || orientation > 8) return image;
  const bool swap = orientation >= 5;  // width and height exchange
  const int w = image.width;
  const int h = image.height;
  RgbaImage out{swap ? h : w, swap ? w : h, {}};
  out.pixels.resize(image.pixels.size());
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sx = x;  // where displayed pixel (x, y) is stored
      int sy = y;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        case 8:
          sx = w - 1 - y;
          sy = x;
          break;
      }
      std::memcpy(&out.pixels[(static_cast<size_t>(y) * out.width + x) * 4],
                  &image.pixels[(static_cast<size_t>(sy) * w + sx) * 4], 4);
    }
  }
  return out;
}

absl::StatusOr<RgbaImage> DecodePixels(std::string_view file) {
  if (file.size() >= 8 && file.substr(0, 8) == "\x89PNG\r\n\x1a\n")
    return DecodePng(file);
  if (file.size() >= 3 && file.substr(0, 3) == "\xff\xd8\xff")
    return DecodeJpeg(file);
  return absl::InvalidArgumentError(
      "pixels can only be read from PNG and JPEG files");
}

}  // namespace vigie::faces
