// A bounded reader of the few TensorFlow Lite FlatBuffer tables a small
// convolutional model needs: tensors (shape, type, constant data), operators
// (builtin code, inputs, outputs, options) and the first subgraph's inputs
// and outputs. Every offset is checked against the file; a damaged or hostile
// file gives an error, never a read outside the bytes.
#ifndef VIGIE_CORE_IMAGE_FACES_TFLITE_READER_H_
#define VIGIE_CORE_IMAGE_FACES_TFLITE_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/image/bytes.h"

namespace vigie::faces {

// Caps that bound memory and work on any input.
inline constexpr size_t kMaxTensors = 4096;
inline constexpr size_t kMaxOperators = 4096;
inline constexpr size_t kMaxRank = 6;
inline constexpr int64_t kMaxTensorElements = int64_t{1} << 24;

// TensorFlow Lite's TensorType values used here.
enum TensorType : int8_t { kFloat32 = 0, kFloat16 = 1, kInt32 = 2 };

// TensorFlow Lite's BuiltinOperator values used here.
enum BuiltinOp : int32_t {
  kOpAdd = 0,
  kOpConcatenation = 2,
  kOpConv2D = 3,
  kOpDepthwiseConv2D = 4,
  kOpDequantize = 6,
  kOpMaxPool2D = 17,
  kOpRelu = 19,
  kOpRelu6 = 21,
  kOpReshape = 22,
  kOpResizeBilinear = 23,
  kOpPad = 34,
  kOpPrelu = 54,
};

enum class Padding : int8_t { kSame = 0, kValid = 1 };
enum class Activation : int8_t { kNone = 0, kRelu = 1, kRelu6 = 3 };

// The union of the option fields of the supported operators.
struct OpOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 1;
  int32_t stride_h = 1;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
  int32_t depth_multiplier = 1;
  int32_t filter_w = 1;  // pooling
  int32_t filter_h = 1;
  int32_t axis = 0;            // concatenation
  bool align_corners = false;  // resize bilinear
  bool half_pixel_centers = false;
  int8_t activation = 0;  // raw ActivationFunctionType
};

struct TfliteTensor {
  std::vector<int32_t> shape;
  int8_t type = kFloat32;
  std::string name;
  image::Bytes data;  // constant contents (a view into the file), or empty
};

struct TfliteOperator {
  int32_t builtin = -1;         // BuiltinOperator; custom operators are refused
  std::vector<int32_t> inputs;  // -1: optional input absent
  std::vector<int32_t> outputs;
  OpOptions options;
};

struct TfliteModel {
  std::vector<TfliteTensor> tensors;
  std::vector<TfliteOperator> operators;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
};

// Reads the first subgraph of a .tflite file. The returned tensors' `data`
// point into `file`, which must outlive them.
absl::StatusOr<TfliteModel> ReadTfliteModel(image::Bytes file);

// Number of elements of a shape (0 for a negative dimension or overflow
// past kMaxTensorElements).
int64_t ElementCount(const std::vector<int32_t>& shape);

// Output size and padding before of a window (convolution, pooling) along
// one axis, TensorFlow Lite's SAME/VALID rules; false for an impossible one.
bool WindowOutputSize(Padding padding, int in, int kernel, int stride,
                      int dilation, int* out, int* pad_before);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_TFLITE_READER_H_
