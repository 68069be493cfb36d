// Under-exposed photos (a dim ward at night, a room lit by screens) lose
// their faces: the model scores a dark face lower than the same face well
// lit. A photo whose mean luma is low is brightened by a gamma curve, as a
// camera's auto-exposure would, before it goes through the model.
#ifndef VIGIE_CORE_IMAGE_FACES_EXPOSURE_H_
#define VIGIE_CORE_IMAGE_FACES_EXPOSURE_H_

#include <cstdint>
#include <vector>

#include "core/image/bytes.h"

namespace vigie::faces {

// Mean luma (BT.601 weights) of RGBA pixels in [0, 1], over every other
// pixel of every other row.
float MeanLuma(image::Bytes rgba, int width, int height);

// When the picture's mean luma is under `dark_mean` (and above black),
// writes to `out` the picture with R, G and B raised to the power that
// brings that mean to `target_mean` (alpha kept) and returns true; otherwise
// returns false and leaves `out` alone.
bool BrightenIfDark(image::Bytes rgba, int width, int height, float dark_mean,
                    float target_mean, std::vector<uint8_t>* out);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_EXPOSURE_H_
