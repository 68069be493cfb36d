#include "core/image/codes/zxing_decoder.h"

#include <algorithm>

#include "ZXing/BarcodeFormat.h"
#include "ZXing/DecodeHints.h"
#include "ZXing/ImageView.h"
#include "ZXing/ReadBarcode.h"

namespace vigie::codes {

namespace {

void Read(const ZXing::ImageView& image, ZXing::BarcodeFormats formats,
          int max_symbols, std::vector<DecodedCode>* codes) {
  ZXing::DecodeHints hints;
  hints.setFormats(formats)
      .setTryHarder(true)
      .setTryRotate(true)
      .setMaxNumberOfSymbols(max_symbols);
  for (const ZXing::Result& result : ZXing::ReadBarcodes(image, hints)) {
    if (!result.isValid()) continue;
    int left = image.width(), top = image.height(), right = 0, bottom = 0;
    for (const ZXing::PointI& corner : result.position()) {
      left = std::min(left, corner.x);
      top = std::min(top, corner.y);
      right = std::max(right, corner.x);
      bottom = std::max(bottom, corner.y);
    }
    DecodedCode code;
    code.format = ZXing::ToString(result.format());
    code.text = result.text();  // UTF-8: ZX_USE_UTF8 (CMakeLists.txt)
    code.x = left;
    code.y = top;
    code.w = std::max(0, right - left);
    code.h = std::max(0, bottom - top);
    codes->push_back(std::move(code));
  }
}

}  // namespace

std::vector<DecodedCode> ReadCodes(const uint8_t* rgba, int width, int height) {
  const ZXing::ImageView image(rgba, width, height, ZXing::ImageFormat::RGBX);
  std::vector<DecodedCode> codes;
  Read(image, ZXing::BarcodeFormat::MatrixCodes, kMaxMatrixCodes, &codes);
  // libzxing 1.4 aborts (a failed assertion, zxing-cpp issue 740) when it
  // merges a linear code seen on several lines: one linear code per photo.
  Read(image, ZXing::BarcodeFormat::LinearCodes, 1, &codes);
  return codes;
}

}  // namespace vigie::codes
