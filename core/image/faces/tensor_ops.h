// The float32 operators of a small convolutional network, on NHWC tensors with
// one image (N = 1). Plain loops whose innermost dimension is the contiguous
// channel axis, so that compilers vectorise them (native and wasm SIMD).
// Callers (graph.cc) check every shape before calling: these functions trust
// their arguments.
#ifndef VIGIE_CORE_IMAGE_FACES_TENSOR_OPS_H_
#define VIGIE_CORE_IMAGE_FACES_TENSOR_OPS_H_

#include <cstdint>
#include <limits>

namespace vigie::faces {

// Height, width, channels of a one-image NHWC tensor.
struct Hwc {
  int h = 1;
  int w = 1;
  int c = 1;
  int64_t size() const { return int64_t{h} * w * c; }
};

// A window over the input: kernel size, stride, dilation, and the padding
// before the first row and column (the rest is implied by the output size).
struct Window {
  int kh = 1;
  int kw = 1;
  int stride_h = 1;
  int stride_w = 1;
  int dilation_h = 1;
  int dilation_w = 1;
  int pad_top = 0;
  int pad_left = 0;
};

// A fused activation as a clamp.
struct Clamp {
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
};

// `weights` are [kh][kw][in.c][out.c] (reordered from TFLite's
// [out.c][kh][kw][in.c] so that the inner loop runs over output channels).
void Conv2D(const float* in, Hwc in_shape, const float* weights,
            const float* bias, const Window& window, Clamp clamp, float* out,
            Hwc out_shape);

// The same for a 1x1 filter with stride 1 and no padding (most of BlazeFace's
// work): a matrix product computed in blocks of 4 pixels x 8 channels held in
// registers. Each output sums in the same order as Conv2D. A `residual`
// (nullptr: none) of `residual_c` <= out_c channels per pixel is added to the
// sums before the clamp, as ADD (after a PAD of channels) would: BlazeFace's
// skip connections without a pass over memory of their own.
void PointwiseConv2D(const float* in, int64_t pixels, int in_c,
                     const float* weights, const float* bias, int out_c,
                     const float* residual, int residual_c, Clamp clamp,
                     float* out);

// Depth multiplier 1: `weights` are [kh][kw][c], as TFLite stores them. 3x3
// windows away from the borders keep each 4-channel group's weights in
// registers along a row.
void DepthwiseConv2D(const float* in, Hwc in_shape, const float* weights,
                     const float* bias, const Window& window, Clamp clamp,
                     float* out, Hwc out_shape);

void MaxPool2D(const float* in, Hwc in_shape, const Window& window, Clamp clamp,
               float* out, Hwc out_shape);

// Zero padding: `before` rows, columns and channels are added before the
// input; the output shape implies those after.
void Pad(const float* in, Hwc in_shape, const int before[3], float* out,
         Hwc out_shape);

// TensorFlow Lite's RESIZE_BILINEAR (reference kernel's arithmetic).
void ResizeBilinear(const float* in, Hwc in_shape, bool align_corners,
                    bool half_pixel_centers, float* out, Hwc out_shape);

void Add(const float* a, const float* b, int64_t n, Clamp clamp, float* out);

// PReLU with one slope per channel.
void Prelu(const float* in, int64_t pixels, int channels, const float* slope,
           float* out);

void ClampInPlace(float* data, int64_t n, Clamp clamp);

// IEEE half to float.
float HalfToFloat(uint16_t half);

}  // namespace vigie::faces

#endif  // VIGIE_CORE_IMAGE_FACES_TENSOR_OPS_H_
