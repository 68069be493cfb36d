#include "core/image/faces/exposure.h"

#include <array>
#include <cmath>
#include <cstddef>

namespace vigie::faces {

float MeanLuma(image::Bytes rgba, int width, int height) {
  // Integer BT.601 weights (77, 150, 29) / 256: exact sums, no float per
  // pixel.
  uint64_t sum = 0;
  uint64_t count = 0;
  for (int y = 0; y < height; y += 2) {
    const uint8_t* row = rgba.data() + static_cast<size_t>(y) * width * 4;
    for (int x = 0; x < width; x += 2) {
      const uint8_t* p = row + static_cast<size_t>(x) * 4;
      sum += 77u * p[0] + 150u * p[1] + 29u * p[2];
      ++count;
    }
  }
  if (count == 0) return 0;
  return static_cast<float>(static_cast<double>(sum) / (256.0 * 255.0) /
                            static_cast<double>(count));
}

bool BrightenIfDark(image::Bytes rgba, int width, int height, float dark_mean,
                    float target_mean, std::vector<uint8_t>* out) {
  const float mean = MeanLuma(rgba, width, height);
  // A black picture has nothing to show; a bright enough one is left as is.
  if (!(mean > 1.0f / 255 && mean < dark_mean && target_mean > mean &&
        target_mean < 1)) {
    return false;
  }
  const double gamma = std::log(double{target_mean}) / std::log(double{mean});
  std::array<uint8_t, 256> curve{};
  for (size_t v = 0; v < curve.size(); ++v) {
    curve[v] = static_cast<uint8_t>(
        std::lround(255 * std::pow(static_cast<double>(v) / 255, gamma)));
  }
  out->resize(rgba.size());
  for (size_t i = 0; i < rgba.size(); i += 4) {
    (*out)[i] = curve[rgba[i]];
    (*out)[i + 1] = curve[rgba[i + 1]];
    (*out)[i + 2] = curve[rgba[i + 2]];
    (*out)[i + 3] = rgba[i + 3];
  }
  return true;
}

}  // namespace vigie::faces
