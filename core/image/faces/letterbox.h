// Fits an RGBA picture into a model's square input once: scaled to keep its
// aspect ratio, centred, black borders, values in [-1, 1]. Downscaling
// averages every source pixel under an output pixel (area filter), so a
// 12-megapixel photo does not alias into noise.
#ifndef VIGIE_CORE_IMAGE_FACES_LETTERBOX_H_
#define VIGIE_CORE_IMAGE_FACES_LETTERBOX_H_

#include <cstdint>
#include <vector>

namespace vigie::faces {

// Where the picture landed in the model input, to map boxes back:
// model_x = image_x * scale + offset_x (in model pixels).
struct Letterbox {
  float scale = 1;
  float offset_x = 0;
  float offset_y = 0;
};

// `rgba` holds width * height * 4 bytes; `out` receives size * size * 3
// floats (RGB, row-major). Alpha is ignored.
Letterbox LetterboxToTensor(const uint8_t* rgba, int width, int height,
                            int size, std::vector<float>* out);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_LETTERBOX_H_
