// Reads barcodes and 2D codes in RGBA pixels with Debian's libzxing (zxing-cpp
// 1.4), for the native CLI and tests. The extension decodes with zxing-wasm
// (zxing-cpp 2.x) instead, so this is not part of the wasm build. libzxing 1.4
// reads fewer formats than zxing-wasm: no rMQR, MicroPDF417, DataBar Limited,
// Telepen, Code 32/PZN or DX film edge, and no inverted (light on dark) codes.
#ifndef VIGIE_CORE_IMAGE_CODES_ZXING_DECODER_H_
#define VIGIE_CORE_IMAGE_CODES_ZXING_DECODER_H_

#include <cstdint>
#include <vector>

#include "core/image/codes/code_findings.h"

namespace vigie::codes {

inline constexpr int kMaxMatrixCodes = 32;

// Every format libzxing reads, rotated codes too (the extension's options);
// boxes in the pixels' own coordinates. `rgba` holds width * height * 4 bytes.
// Up to kMaxMatrixCodes 2D codes but one linear barcode (libzxing 1.4 aborts
// on some photos with several), whose box is the scan line that read it (1
// pixel high; zxing-wasm gives the bars' height).
std::vector<DecodedCode> ReadCodes(const uint8_t* rgba, int width, int height);

}  // namespace vigie::codes

#endif  // VIGIE_CORE_IMAGE_CODES_ZXING_DECODER_H_
