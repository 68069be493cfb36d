// Runs the first subgraph of a TensorFlow Lite model of float32 operators:
// CONV_2D, DEPTHWISE_CONV_2D, ADD, RELU, RELU6, PRELU, PAD, MAX_POOL_2D,
// RESIZE_BILINEAR, RESHAPE, CONCATENATION, and DEQUANTIZE of float16 constants
// (folded once at load). Build() checks every operator's inputs, options and
// output shape, so that Run() only executes loops whose bounds are known to
// fit; anything else is refused with the operator's index. Work and memory
// are capped; activations whose lives do not overlap share buffers.
#ifndef VIGIE_CORE_IMAGE_FACES_GRAPH_H_
#define VIGIE_CORE_IMAGE_FACES_GRAPH_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/image/faces/tensor_ops.h"
#include "core/image/faces/tflite_reader.h"

namespace vigie::faces {

class Graph {
 public:
  // Copies (and dequantizes) every constant it needs: `model` and its file
  // may be released afterwards. With `constants_of`, a graph of the same
  // model file (`model` is its model with another input size: WithInputSize),
  // the constants and reordered filters are shared with it instead (a new
  // input size costs no weight copy).
  static absl::StatusOr<Graph> Build(const TfliteModel& model,
                                     const Graph* constants_of = nullptr);

  // The one input, an image: [1, height, width, channels].
  Hwc input_shape() const { return input_shape_; }
  size_t output_count() const { return outputs_.size(); }
  const std::vector<int32_t>& output_shape(size_t i) const {
    return shapes_[outputs_[i]];
  }

  // `input` holds input_shape().size() floats. The activations live in
  // `scratch` (grown if smaller), which graphs run one after the other may
  // share.
  void Run(const float* input, std::vector<float>* scratch);
  // Output i of the last Run(), in its scratch until that is used again:
  // output_size(i) floats.
  const float* output(size_t i) const { return Data(outputs_[i]); }
  int64_t output_size(size_t i) const {
    return ElementCount(shapes_[outputs_[i]]);
  }

 private:
  struct Step {
    int32_t op = 0;
    std::vector<int32_t> in;
    int32_t out = 0;
    Hwc in_shape;
    Hwc out_shape;
    Window window;
    Clamp clamp;
    std::shared_ptr<const std::vector<float>> weights;  // Conv2D: reordered
    bool pointwise = false;  // Conv2D 1x1, stride 1: PointwiseConv2D
    int32_t residual = -1;   // pointwise: tensor added to its output
    int residual_c = 0;      // its channels (<= the output's)
    int pad_before[3] = {0, 0, 0};
    int64_t outer = 1;  // concatenation: product of dimensions before axis
    bool align_corners = false;  // resize bilinear
    bool half_pixel_centers = false;
  };
  absl::Status AddStep(size_t index, const TfliteOperator& op,
                       const TfliteModel& model);
  // Counts `n` more floats; false past the cap (checked before allocating).
  bool Allot(int64_t n);
  // Folds each RELU or RELU6 into the step computing its input when that
  // step clamps its output anyway and nobody else reads the input: one pass
  // over the activation less (BlazeFace: after every ADD, and the feature
  // pyramid's convolutions).
  void FuseActivations();
  // Folds each ADD of a pointwise convolution's output (read by nothing
  // else) and a tensor computed before that convolution, possibly through a
  // PAD of channels read by nothing else, into the convolution:
  // BlazeFace's skip connections, one to two passes over memory less each.
  void FuseResidualAdds();
  // How many steps (and graph outputs) read each tensor.
  std::vector<int> ReaderCounts() const;
  // Gives each computed tensor a buffer shared with tensors whose lives do
  // not overlap (a tensor lives from its step to the last step reading it).
  void ShareBuffers();
  float* Data(int32_t t) {
    return buffer_of_[t] >= 0 ? scratch_ + buffer_offset_[buffer_of_[t]]
                              : values_[t]->data();
  }
  const float* Data(int32_t t) const {
    return const_cast<Graph*>(this)->Data(t);
  }

  std::vector<std::vector<int32_t>> shapes_;
  // Constants (shared with graphs of other input sizes) and the input.
  std::vector<std::shared_ptr<std::vector<float>>> values_;
  // Conv2D filters reordered, by filter tensor.
  std::vector<std::shared_ptr<const std::vector<float>>> reordered_;
  const Graph* constants_of_ = nullptr;  // during Build only
  std::vector<int64_t> buffer_sizes_;    // activations' buffers, shared
  std::vector<int64_t> buffer_offset_;   // in the scratch area
  int64_t scratch_floats_ = 0;
  float* scratch_ = nullptr;    // of the last Run()
  std::vector<int> buffer_of_;  // tensor -> buffer, or -1
  std::vector<bool> known_;     // constant or computed before
  std::vector<Step> steps_;
  std::vector<int32_t> outputs_;
  int64_t floats_ = 0;  // allotted so far
  int32_t input_ = 0;
  Hwc input_shape_;
};

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_GRAPH_H_
