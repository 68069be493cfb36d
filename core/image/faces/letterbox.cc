#include "core/image/faces/letterbox.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace vigie::faces {
namespace {

// Four floats as one SIMD register (GCC and Clang vector extension).
typedef float Float4 __attribute__((vector_size(16)));

// m[i] += w * src[i] for i in [0, n). In wasm, Clang's code for the plain
// loop (and for a vector zero-extension and conversion, which it folds back
// into one unsigned conversion) converts each byte lane by lane: extract,
// scalar convert, replace, most of the letterbox's time. Here each byte b
// becomes float 2^23 + b by its bits (the mantissa's low byte) minus 2^23:
// exactly b, so the same sums, 8 bytes at a time.
void AddWeightedBytes(const uint8_t* src, size_t n, float w, float* m) {
  size_t i = 0;
#ifdef __wasm_simd128__
  const v128_t wv = wasm_f32x4_splat(w);
  const v128_t two_23_bits = wasm_i32x4_splat(0x4B000000);
  const v128_t two_23 = wasm_f32x4_splat(8388608.0f);
  const auto to_float = [&](v128_t words) {
    return wasm_f32x4_sub(wasm_v128_or(words, two_23_bits), two_23);
  };
  for (; i + 8 <= n; i += 8) {
    const v128_t halves = wasm_u16x8_load8x8(src + i);
    const v128_t lo = to_float(wasm_u32x4_extend_low_u16x8(halves));
    const v128_t hi = to_float(wasm_u32x4_extend_high_u16x8(halves));
    wasm_v128_store(
        m + i, wasm_f32x4_add(wasm_v128_load(m + i), wasm_f32x4_mul(wv, lo)));
    wasm_v128_store(m + i + 4, wasm_f32x4_add(wasm_v128_load(m + i + 4),
                                              wasm_f32x4_mul(wv, hi)));
  }
#endif
  for (; i < n; ++i) m[i] += w * static_cast<float>(src[i]);
}

// The source pixels (first, weights) that make one output pixel along an axis.
struct Taps {
  int first = 0;
  std::vector<float> weights;  // empty: the output pixel is border
};

// For each of `size` output pixels along an axis of `length` source pixels
// placed at `offset` with `scale`. Downscaling averages the source pixels the
// output pixel covers (weights: the covered part of each); upscaling
// interpolates linearly between the two nearest.
std::vector<Taps> AxisTaps(int length, int size, float scale, float offset) {
  std::vector<Taps> taps(size);
  for (int o = 0; o < size; ++o) {
    const float center =
        (static_cast<float>(o) + 0.5f - offset) / scale;  // in source pixels
    if (center < 0 || center >= static_cast<float>(length)) continue;
    Taps& t = taps[o];
    if (scale < 1) {
      const float lo = std::max(0.0f, center - 0.5f / scale);
      const float hi =
          std::min(static_cast<float>(length), center + 0.5f / scale);
      t.first = static_cast<int>(lo);
      const int last =
          std::min(length - 1, static_cast<int>(std::ceil(hi)) - 1);
      for (int i = t.first; i <= last; ++i) {
        t.weights.push_back(std::min(hi, static_cast<float>(i) + 1.0f) -
                            std::max(lo, static_cast<float>(i)));
      }
    } else {
      const float at = std::min(std::max(center - 0.5f, 0.0f),
                                static_cast<float>(length) - 1.0f);
      t.first = std::min(static_cast<int>(at), std::max(length - 2, 0));
      const float frac = at - static_cast<float>(t.first);
      t.weights = {1 - frac};
      if (t.first + 1 < length) t.weights.push_back(frac);
    }
    float total = 0;
    for (float w : t.weights) total += w;
    if (!(total > 0)) {  // a sliver at the edge: take the nearest pixel
      t.first = std::min(std::max(static_cast<int>(center), 0), length - 1);
      t.weights.assign(1, 1.0f);
      total = 1;
    }
    for (float& w : t.weights) w /= total;
  }
  return taps;
}

}  // namespace

Letterbox LetterboxToTensor(const uint8_t* rgba, int width, int height,
                            size_t row_bytes, int out_height, int out_width,
                            std::vector<float>* out) {
  Letterbox box;
  box.scale =
      std::min(static_cast<float>(out_width) / static_cast<float>(width),
               static_cast<float>(out_height) / static_cast<float>(height));
  box.offset_x =
      (static_cast<float>(out_width) - static_cast<float>(width) * box.scale) /
      2;
  box.offset_y = (static_cast<float>(out_height) -
                  static_cast<float>(height) * box.scale) /
                 2;
  const std::vector<Taps> columns =
      AxisTaps(width, out_width, box.scale, box.offset_x);
  const std::vector<Taps> rows =
      AxisTaps(height, out_height, box.scale, box.offset_y);

  // Per output row, a vertical pass over whole RGBA rows (contiguous, so it
  // vectorises; alpha is carried and ignored), then a horizontal one: one
  // intermediate row (width x 4 floats, in cache) instead of a whole
  // intermediate picture (3 MB for a 1024-pixel photo).
  const size_t row = static_cast<size_t>(width) * 4;
  std::vector<float> mid(row);
  out->assign(static_cast<size_t>(out_height) * out_width * 3,
              -1.0f);  // black border
  for (int y = 0; y < out_height; ++y) {
    const Taps& t = rows[y];
    if (t.weights.empty()) continue;
    float* m = mid.data();
    std::fill(mid.begin(), mid.end(), 0.0f);
    for (size_t k = 0; k < t.weights.size(); ++k) {
      AddWeightedBytes(rgba + (t.first + k) * row_bytes, row, t.weights[k], m);
    }
    float* o = out->data() + static_cast<size_t>(y) * out_width * 3;
    for (int x = 0; x < out_width; ++x) {
      const Taps& c = columns[x];
      if (c.weights.empty()) continue;
      Float4 sum = {0, 0, 0, 0};  // one lane per channel, as scalar sums
      for (size_t k = 0; k < c.weights.size(); ++k) {
        Float4 p;
        std::memcpy(&p, m + (c.first + k) * 4, sizeof p);
        sum += c.weights[k] * p;
      }
      for (int ch = 0; ch < 3; ++ch) o[3 * x + ch] = sum[ch] / 127.5f - 1.0f;
    }
  }
  return box;
}

void TurnTensor(const std::vector<float>& in, int height, int width, Turn turn,
                std::vector<float>* out) {
  out->resize(in.size());
  // Output row r, column c (width rows of height columns): clockwise it shows
  // input row height - 1 - c, column r; counter-clockwise input row c, column
  // width - 1 - r.
  for (int r = 0; r < width; ++r) {
    for (int c = 0; c < height; ++c) {
      const int row = turn == Turn::kClockwise ? height - 1 - c : c;
      const int column = turn == Turn::kClockwise ? r : width - 1 - r;
      const float* from = &in[(static_cast<size_t>(row) * width + column) * 3];
      float* to = &(*out)[(static_cast<size_t>(r) * height + c) * 3];
      std::copy_n(from, 3, to);
    }
  }
}

}  // namespace vigie::faces
