// The same network for another input size. BlazeFace is fully
// convolutional: run once on a wider picture, it computes what it would on
// each square window of it, minus the zero padding at the windows' sides.
// Every tensor shape is recomputed from the new input through the operators
// (and RESIZE_BILINEAR's size constants with them); Graph::Build checks the
// result as it checks any model.
#ifndef VIGIE_CORE_IMAGE_FACES_INPUT_SIZE_H_
#define VIGIE_CORE_IMAGE_FACES_INPUT_SIZE_H_

#include <cstdint>
#include <deque>
#include <vector>

#include "absl/status/statusor.h"
#include "core/image/faces/tflite_reader.h"

namespace vigie::faces {

// A model whose constants may point into `storage` (and the original file).
struct ResizedModel {
  TfliteModel model;
  std::deque<std::vector<int32_t>> storage;  // rewritten int32 constants
};

// `model` with its image input [1, h, w, c] made [1, height, width, c].
// Refused when an operator's output does not follow from its inputs alone
// (e.g. a resize to a fixed size, or a reshape mixing the image axes).
absl::StatusOr<ResizedModel> WithInputSize(const TfliteModel& model, int height,
                                           int width);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_INPUT_SIZE_H_
