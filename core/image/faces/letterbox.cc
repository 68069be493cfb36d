#include "core/image/faces/letterbox.h"

#include <algorithm>
#include <cmath>

namespace vigie::faces {
namespace {

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
    const float center = (o + 0.5f - offset) / scale;  // in source pixels
    if (center < 0 || center >= length) continue;
    Taps& t = taps[o];
    if (scale < 1) {
      const float lo = std::max(0.0f, center - 0.5f / scale);
      const float hi =
          std::min(static_cast<float>(length), center + 0.5f / scale);
      t.first = static_cast<int>(lo);
      const int last =
          std::min(length - 1, static_cast<int>(std::ceil(hi)) - 1);
      for (int i = t.first; i <= last; ++i) {
        t.weights.push_back(std::min(hi, i + 1.0f) -
                            std::max(lo, static_cast<float>(i)));
      }
    } else {
      const float at = std::min(std::max(center - 0.5f, 0.0f), length - 1.0f);
      t.first = std::min(static_cast<int>(at), std::max(length - 2, 0));
      const float frac = at - t.first;
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
  box.scale = std::min(static_cast<float>(out_width) / width,
                       static_cast<float>(out_height) / height);
  box.offset_x = (out_width - width * box.scale) / 2;
  box.offset_y = (out_height - height * box.scale) / 2;
  const std::vector<Taps> columns =
      AxisTaps(width, out_width, box.scale, box.offset_x);
  const std::vector<Taps> rows =
      AxisTaps(height, out_height, box.scale, box.offset_y);

  // Vertical pass first, over whole RGBA rows (contiguous, so it
  // vectorises; alpha is carried and ignored), then horizontal: the
  // intermediate is out_height x width x 4.
  const size_t row = static_cast<size_t>(width) * 4;
  std::vector<float> mid(static_cast<size_t>(out_height) * row, 0.0f);
  for (int y = 0; y < out_height; ++y) {
    const Taps& t = rows[y];
    float* __restrict m = mid.data() + static_cast<size_t>(y) * row;
    for (size_t k = 0; k < t.weights.size(); ++k) {
      const float w = t.weights[k];
      const uint8_t* __restrict src = rgba + (t.first + k) * row_bytes;
      for (size_t i = 0; i < row; ++i) m[i] += w * src[i];
    }
  }
  out->assign(static_cast<size_t>(out_height) * out_width * 3,
              -1.0f);  // black border
  for (int y = 0; y < out_height; ++y) {
    if (rows[y].weights.empty()) continue;
    const float* m = mid.data() + static_cast<size_t>(y) * row;
    float* o = out->data() + static_cast<size_t>(y) * out_width * 3;
    for (int x = 0; x < out_width; ++x) {
      const Taps& t = columns[x];
      if (t.weights.empty()) continue;
      float rgb[3] = {0, 0, 0};
      for (size_t k = 0; k < t.weights.size(); ++k) {
        const float* p = m + (t.first + k) * 4;
        for (int c = 0; c < 3; ++c) rgb[c] += t.weights[k] * p[c];
      }
      for (int c = 0; c < 3; ++c) o[3 * x + c] = rgb[c] / 127.5f - 1.0f;
    }
  }
  return box;
}

}  // namespace vigie::faces
