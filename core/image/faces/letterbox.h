// Fits an RGBA picture into a model's input once: scaled to keep its
// aspect ratio, centred, black borders, values in [-1, 1]. Downscaling
// averages every source pixel under an output pixel (area filter), so a
// 12-megapixel photo does not alias into noise.
#ifndef VIGIE_CORE_IMAGE_FACES_LETTERBOX_H_
#define VIGIE_CORE_IMAGE_FACES_LETTERBOX_H_

#include <cstddef>
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

// `rgba` holds height rows of `row_bytes` bytes, each starting with width
// RGBA pixels (a whole picture, or a tile of it: row_bytes is then the
// picture's); `out` receives out_height * out_width * 3 floats (RGB,
// row-major). Alpha is ignored.
Letterbox LetterboxToTensor(const uint8_t* rgba, int width, int height,
                            size_t row_bytes, int out_height, int out_width,
                            std::vector<float>* out);

// A picture turned a quarter, clockwise or not.
enum class Turn { kNone, kClockwise, kCounterClockwise };

// `in` (height x width x 3 floats) turned a quarter into `out` (width x
// height x 3): a face lying on its side (a patient in bed seen from the side)
// stands up in one of the two turns.
void TurnTensor(const std::vector<float>& in, int height, int width, Turn turn,
                std::vector<float>* out);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_LETTERBOX_H_
