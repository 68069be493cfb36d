#include "core/image/faces/tensor_ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace vigie::faces {
namespace {

// Four floats as one SIMD register (GCC and Clang vector extension: SSE
// natively, SIMD128 in wasm, plain floats where neither exists). Accumulators
// of this type stay in registers across a kernel's taps; written as arrays,
// compilers kept them in memory or vectorised the wrong loop (GCC: 3.5 times
// slower on the pointwise convolutions). Each lane computes exactly what the
// scalar code would, in the same order.
typedef float Float4 __attribute__((vector_size(16)));

Float4 Load4(const float* p) {
  Float4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Clamps each lane as std::min(std::max(v, lo), hi) would (NaN stays NaN),
// in two vector selects.
void Store4(Float4 v, Clamp clamp, float* p) {
  const Float4 lo = {clamp.lo, clamp.lo, clamp.lo, clamp.lo};
  const Float4 hi = {clamp.hi, clamp.hi, clamp.hi, clamp.hi};
  v = v < lo ? lo : v;
  v = hi < v ? hi : v;
  std::memcpy(p, &v, sizeof v);
}

// The kernel taps of one output position that land inside the input: rows
// [ky0, ky1) and columns [kx0, kx1) of the kernel, whose first tap (0, 0)
// sits at input row iy0, column ix0 (outside the input when padded).
struct WindowAt {
  int iy0 = 0;
  int ix0 = 0;
  int ky0 = 0;
  int ky1 = 0;
  int kx0 = 0;
  int kx1 = 0;
};

// First and one-past-last kernel taps that land inside [0, size) for an
// output position whose first tap is at `origin`.
void ValidTaps(int origin, int dilation, int taps, int size, int* first,
               int* last) {
  *first = 0;
  while (*first < taps && origin + *first * dilation < 0) ++*first;
  *last = taps;
  while (*last > *first && origin + (*last - 1) * dilation >= size) --*last;
}

// The window walk shared by the convolutions and pooling: calls
// visit(at, out) for each output position, `out` pointing at its channels.
template <typename Visit>
void ForEachWindow(Hwc in_shape, const Window& window, float* out,
                   Hwc out_shape, Visit visit) {
  WindowAt at;
  for (int oy = 0; oy < out_shape.h; ++oy) {
    at.iy0 = oy * window.stride_h - window.pad_top;
    ValidTaps(at.iy0, window.dilation_h, window.kh, in_shape.h, &at.ky0,
              &at.ky1);
    for (int ox = 0; ox < out_shape.w; ++ox) {
      at.ix0 = ox * window.stride_w - window.pad_left;
      ValidTaps(at.ix0, window.dilation_w, window.kw, in_shape.w, &at.kx0,
                &at.kx1);
      visit(at, out + (int64_t{oy} * out_shape.w + ox) * out_shape.c);
    }
  }
}

// Calls tap(input_pixel, tap_index) for each valid tap of a window, where
// input_pixel is the offset of the tapped pixel in pixels and tap_index its
// position in the kernel (ky * kw + kx).
template <typename Tap>
void ForEachTap(Hwc in_shape, const Window& window, const WindowAt& at,
                Tap tap) {
  for (int ky = at.ky0; ky < at.ky1; ++ky) {
    const int iy = at.iy0 + ky * window.dilation_h;
    for (int kx = at.kx0; kx < at.kx1; ++kx) {
      const int ix = at.ix0 + kx * window.dilation_w;
      tap(int64_t{iy} * in_shape.w + ix, ky * window.kw + kx);
    }
  }
}

// Splits `channels` into blocks of 8, 4 and 1 Float4 (32, 16, 4 channels),
// calling block(std::integral_constant<int, vectors>, first_channel) for
// each, so that a block's accumulators stay in registers across the taps;
// returns the first channel left over (channels % 4 of them).
template <typename Block>
int InChannelBlocks(int channels, Block block) {
  int k = 0;
  for (; k + 32 <= channels; k += 32) {
    block(std::integral_constant<int, 8>(), k);
  }
  for (; k + 16 <= channels; k += 16) {
    block(std::integral_constant<int, 4>(), k);
  }
  for (; k + 4 <= channels; k += 4) block(std::integral_constant<int, 1>(), k);
  return k;
}

}  // namespace

void Conv2D(const float* in, Hwc in_shape, const float* weights,
            const float* bias, const Window& window, Clamp clamp, float* out,
            Hwc out_shape) {
  const int in_c = in_shape.c;
  const int out_c = out_shape.c;
  const int64_t tap_stride = int64_t{in_c} * out_c;  // weights of one tap
  ForEachWindow(
      in_shape, window, out, out_shape, [&](const WindowAt& at, float* o) {
        const int rest = InChannelBlocks(out_c, [&](auto vectors, int k) {
          constexpr int kVectors = decltype(vectors)::value;
          Float4 acc[kVectors];
          for (int v = 0; v < kVectors; ++v) acc[v] = Load4(bias + k + 4 * v);
          ForEachTap(in_shape, window, at, [&](int64_t pixel, int tap) {
            const float* ip = in + pixel * in_c;
            const float* wp = weights + tap * tap_stride + k;
            for (int c = 0; c < in_c; ++c) {
              const float a = ip[c];
              for (int v = 0; v < kVectors; ++v) {
                acc[v] += a * Load4(wp + int64_t{c} * out_c + 4 * v);
              }
            }
          });
          for (int v = 0; v < kVectors; ++v) {
            Store4(acc[v], clamp, o + k + 4 * v);
          }
        });
        for (int k = rest; k < out_c; ++k) {  // the channels left over
          float acc = bias[k];
          ForEachTap(in_shape, window, at, [&](int64_t pixel, int tap) {
            const float* ip = in + pixel * in_c;
            const float* wp = weights + tap * tap_stride + k;
            for (int c = 0; c < in_c; ++c)
              acc += ip[c] * wp[int64_t{c} * out_c];
          });
          o[k] = std::min(std::max(acc, clamp.lo), clamp.hi);
        }
      });
}

namespace {

// The operands of a pointwise convolution, shared by its blocks.
struct PointwiseArgs {
  int in_c;
  const float* weights;
  const float* bias;
  int out_c;
  const float* residual;  // or nullptr
  int residual_c;
  Clamp clamp;
};

// kPixels x (4 * kVectors) outputs of a pointwise convolution, their sums held
// in registers across the input channels; `rp` is the residual of the first
// pixel when kResidual (whose channels [k, k + 4 * kVectors) then all exist).
template <int kPixels, int kVectors, bool kResidual>
void PointwiseBlock(const PointwiseArgs& a, const float* ip, const float* rp,
                    int k, float* op) {
  const int in_c = a.in_c;
  const int out_c = a.out_c;
  const float* weights = a.weights + k;
  Float4 acc[kPixels][kVectors];
  for (int v = 0; v < kVectors; ++v) {
    const Float4 b = Load4(a.bias + k + 4 * v);
    for (int i = 0; i < kPixels; ++i) acc[i][v] = b;
  }
  for (int c = 0; c < in_c; ++c) {
    const float* w = weights + int64_t{c} * out_c;
    Float4 wv[kVectors];
    for (int v = 0; v < kVectors; ++v) wv[v] = Load4(w + 4 * v);
    for (int i = 0; i < kPixels; ++i) {
      const float x = ip[int64_t{i} * in_c + c];
      for (int v = 0; v < kVectors; ++v) acc[i][v] += x * wv[v];
    }
  }
  for (int i = 0; i < kPixels; ++i) {
    for (int v = 0; v < kVectors; ++v) {
      if (kResidual) {
        acc[i][v] += Load4(rp + int64_t{i} * a.residual_c + k + 4 * v);
      }
      Store4(acc[i][v], a.clamp, op + int64_t{i} * out_c + k + 4 * v);
    }
  }
}

// The same for channels [k, k + 4 * kVectors), with a residual or not.
template <int kPixels, int kVectors>
void PointwiseBlockAt(const PointwiseArgs& a, const float* ip, const float* rp,
                      int k, float* op) {
  if (k + 4 * kVectors <= a.residual_c) {
    PointwiseBlock<kPixels, kVectors, true>(a, ip, rp, k, op);
  } else {
    PointwiseBlock<kPixels, kVectors, false>(a, ip, rp, k, op);
  }
}

// Scalar outputs, channels [k, out_c) of kPixels pixels, and the residual's
// channels of those whose vector block straddles its last channel.
template <int kPixels>
void PointwiseScalar(const PointwiseArgs& a, const float* ip, const float* rp,
                     int k, int end, float* op) {
  for (int i = 0; i < kPixels; ++i) {
    for (int j = k; j < end; ++j) {
      float sum = a.bias[j];
      for (int c = 0; c < a.in_c; ++c) {
        sum +=
            ip[int64_t{i} * a.in_c + c] * a.weights[int64_t{c} * a.out_c + j];
      }
      if (j < a.residual_c) sum += rp[int64_t{i} * a.residual_c + j];
      op[int64_t{i} * a.out_c + j] =
          std::min(std::max(sum, a.clamp.lo), a.clamp.hi);
    }
  }
}

// kPixels pixels of a pointwise convolution: all their output channels.
template <int kPixels>
void PointwisePixels(const PointwiseArgs& a, const float* ip, const float* rp,
                     float* op) {
  const int out_c = a.out_c;
  // Vector blocks lie wholly inside or outside the residual's channels: a
  // block straddling its end is computed one channel at a time.
  const int split = a.residual_c % 8 == 0 ? -1 : a.residual_c / 8 * 8;
  int k = 0;
  for (; k + 8 <= out_c; k += 8) {
    if (k == split) {
      PointwiseScalar<kPixels>(a, ip, rp, k, k + 8, op);
    } else {
      PointwiseBlockAt<kPixels, 2>(a, ip, rp, k, op);
    }
  }
  for (; k + 4 <= out_c; k += 4) {
    if (k < a.residual_c && k + 4 > a.residual_c) {
      PointwiseScalar<kPixels>(a, ip, rp, k, k + 4, op);
    } else {
      PointwiseBlockAt<kPixels, 1>(a, ip, rp, k, op);
    }
  }
  PointwiseScalar<kPixels>(a, ip, rp, k, out_c, op);  // the channels left
}

}  // namespace

void PointwiseConv2D(const float* in, int64_t pixels, int in_c,
                     const float* weights, const float* bias, int out_c,
                     const float* residual, int residual_c, Clamp clamp,
                     float* out) {
  const PointwiseArgs a = {
      in_c, weights, bias, out_c, residual, residual ? residual_c : 0, clamp};
  const auto residual_at = [&](int64_t p) {
    return residual ? residual + p * residual_c : nullptr;
  };
  // 4 pixels x 8 channels: 8 accumulators. 6 pixels is faster natively
  // (GCC) but a quarter slower in wasm: V8 spills its 12 accumulators.
  constexpr int kPixels = 4;
  int64_t p = 0;
  for (; p + kPixels <= pixels; p += kPixels) {
    PointwisePixels<kPixels>(a, in + p * in_c, residual_at(p), out + p * out_c);
  }
  for (; p < pixels; ++p) {  // the pixels left over
    PointwisePixels<1>(a, in + p * in_c, residual_at(p), out + p * out_c);
  }
}

namespace {

// One output row of a 3x3 depthwise convolution over the columns [lo, hi)
// whose taps all land inside the input (rows included): one 4-channel group
// at a time, its 9 weights held in registers along the row. Each output sums
// its taps in the same order as the window walk.
void Depthwise3x3Interior(const float* in, Hwc in_shape, const float* weights,
                          const float* bias, const Window& window, int iy0,
                          int lo, int hi, Clamp clamp, float* out_row) {
  const int c = in_shape.c;
  int64_t offsets[9];  // of each tap from the window's first, in floats
  for (int ky = 0; ky < 3; ++ky) {
    for (int kx = 0; kx < 3; ++kx) {
      offsets[ky * 3 + kx] = (int64_t{ky} * window.dilation_h * in_shape.w +
                              int64_t{kx} * window.dilation_w) *
                             c;
    }
  }
  const int64_t column_step = int64_t{window.stride_w} * c;
  const float* row = in + (int64_t{iy0} * in_shape.w +
                           int64_t{lo} * window.stride_w - window.pad_left) *
                              c;
  for (int k = 0; k + 4 <= c; k += 4) {
    Float4 w[9];
    for (int t = 0; t < 9; ++t) w[t] = Load4(weights + int64_t{t} * c + k);
    const Float4 b = Load4(bias + k);
    const float* ip = row + k;
    float* op = out_row + int64_t{lo} * c + k;
    for (int ox = lo; ox < hi; ++ox, ip += column_step, op += c) {
      Float4 acc = b;
      for (int t = 0; t < 9; ++t) acc += Load4(ip + offsets[t]) * w[t];
      Store4(acc, clamp, op);
    }
  }
}

}  // namespace

void DepthwiseConv2D(const float* in, Hwc in_shape, const float* weights,
                     const float* bias, const Window& window, Clamp clamp,
                     float* out, Hwc out_shape) {
  const int c = out_shape.c;
  // Any window position: channel blocks in registers across the valid taps.
  const auto at_position = [&](const WindowAt& at, float* o) {
    const int rest = InChannelBlocks(c, [&](auto vectors, int k) {
      constexpr int kVectors = decltype(vectors)::value;
      Float4 acc[kVectors];
      for (int v = 0; v < kVectors; ++v) acc[v] = Load4(bias + k + 4 * v);
      ForEachTap(in_shape, window, at, [&](int64_t pixel, int tap) {
        const float* ip = in + pixel * c + k;
        const float* wp = weights + int64_t{tap} * c + k;
        for (int v = 0; v < kVectors; ++v) {
          acc[v] += Load4(ip + 4 * v) * Load4(wp + 4 * v);
        }
      });
      for (int v = 0; v < kVectors; ++v) Store4(acc[v], clamp, o + k + 4 * v);
    });
    for (int k = rest; k < c; ++k) {  // the channels left over
      float acc = bias[k];
      ForEachTap(in_shape, window, at, [&](int64_t pixel, int tap) {
        acc += in[pixel * c + k] * weights[int64_t{tap} * c + k];
      });
      o[k] = std::min(std::max(acc, clamp.lo), clamp.hi);
    }
  };
  if (window.kh != 3 || window.kw != 3 || c % 4 != 0) {
    ForEachWindow(in_shape, window, out, out_shape, at_position);
    return;
  }
  // 3x3 (all of BlazeFace's): the columns whose taps all land inside the
  // input, [lo, hi), go through the register-held weights; the borders
  // through the general walk.
  const int span = 2 * window.dilation_w;
  const int lo = std::min(
      (window.pad_left + window.stride_w - 1) / window.stride_w, out_shape.w);
  const int hi = std::max(
      lo,
      std::min(
          out_shape.w,
          in_shape.w - 1 - span + window.pad_left >= 0
              ? (in_shape.w - 1 - span + window.pad_left) / window.stride_w + 1
              : 0));
  WindowAt at;
  for (int oy = 0; oy < out_shape.h; ++oy) {
    float* out_row = out + int64_t{oy} * out_shape.w * c;
    at.iy0 = oy * window.stride_h - window.pad_top;
    ValidTaps(at.iy0, window.dilation_h, 3, in_shape.h, &at.ky0, &at.ky1);
    const bool full_rows = at.ky0 == 0 && at.ky1 == 3;
    for (int ox = 0; ox < out_shape.w; ++ox) {
      if (full_rows && ox >= lo && ox < hi) continue;
      at.ix0 = ox * window.stride_w - window.pad_left;
      ValidTaps(at.ix0, window.dilation_w, 3, in_shape.w, &at.kx0, &at.kx1);
      at_position(at, out_row + int64_t{ox} * c);
    }
    if (full_rows) {
      Depthwise3x3Interior(in, in_shape, weights, bias, window, at.iy0, lo, hi,
                           clamp, out_row);
    }
  }
}

void MaxPool2D(const float* in, Hwc in_shape, const Window& window, Clamp clamp,
               float* out, Hwc out_shape) {
  const int c = out_shape.c;
  ForEachWindow(in_shape, window, out, out_shape,
                [&](const WindowAt& at, float* o) {
                  std::fill(o, o + c, -std::numeric_limits<float>::infinity());
                  ForEachTap(in_shape, window, at, [&](int64_t pixel, int) {
                    const float* __restrict ip = in + pixel * c;
                    for (int k = 0; k < c; ++k) o[k] = std::max(o[k], ip[k]);
                  });
                  for (int k = 0; k < c; ++k) {
                    o[k] = std::min(std::max(o[k], clamp.lo), clamp.hi);
                  }
                });
}

void Pad(const float* in, Hwc in_shape, const int before[3], float* out,
         Hwc out_shape) {
  std::fill(out, out + out_shape.size(), 0.0f);
  for (int y = 0; y < in_shape.h; ++y) {
    for (int x = 0; x < in_shape.w; ++x) {
      const float* ip = in + (int64_t{y} * in_shape.w + x) * in_shape.c;
      float* op =
          out +
          (int64_t{y + before[0]} * out_shape.w + x + before[1]) * out_shape.c +
          before[2];
      std::memcpy(op, ip, sizeof(float) * in_shape.c);
    }
  }
}

void ResizeBilinear(const float* in, Hwc in_shape, bool align_corners,
                    bool half_pixel_centers, float* out, Hwc out_shape) {
  const auto scale = [align_corners](int in_size, int out_size) {
    return align_corners && out_size > 1
               ? static_cast<float>(in_size - 1) / (out_size - 1)
               : static_cast<float>(in_size) / out_size;
  };
  const float scale_y = scale(in_shape.h, out_shape.h);
  const float scale_x = scale(in_shape.w, out_shape.w);
  const int c = in_shape.c;
  // Source position, lower and upper neighbours, as the reference kernel.
  const auto locate = [half_pixel_centers](int o, float s, int size, float* v,
                                           int* lo, int* hi) {
    *v = half_pixel_centers ? (o + 0.5f) * s - 0.5f : o * s;
    *lo = std::max(static_cast<int>(std::floor(*v)), 0);
    *hi = std::min(static_cast<int>(std::ceil(*v)), size - 1);
  };
  for (int y = 0; y < out_shape.h; ++y) {
    float vy = 0;
    int y0 = 0;
    int y1 = 0;
    locate(y, scale_y, in_shape.h, &vy, &y0, &y1);
    const float dy = vy - y0;
    for (int x = 0; x < out_shape.w; ++x) {
      float vx = 0;
      int x0 = 0;
      int x1 = 0;
      locate(x, scale_x, in_shape.w, &vx, &x0, &x1);
      const float dx = vx - x0;
      const float* __restrict a = in + (int64_t{y0} * in_shape.w + x0) * c;
      const float* __restrict b = in + (int64_t{y0} * in_shape.w + x1) * c;
      const float* __restrict d = in + (int64_t{y1} * in_shape.w + x0) * c;
      const float* __restrict e = in + (int64_t{y1} * in_shape.w + x1) * c;
      float* __restrict o = out + (int64_t{y} * out_shape.w + x) * c;
      for (int k = 0; k < c; ++k) {
        o[k] = a[k] * (1 - dy) * (1 - dx) + d[k] * dy * (1 - dx) +
               b[k] * (1 - dy) * dx + e[k] * dy * dx;
      }
    }
  }
}

void Add(const float* a, const float* b, int64_t n, Clamp clamp, float* out) {
  for (int64_t i = 0; i < n; ++i) {
    out[i] = std::min(std::max(a[i] + b[i], clamp.lo), clamp.hi);
  }
}

void Prelu(const float* in, int64_t pixels, int channels, const float* slope,
           float* out) {
  for (int64_t p = 0; p < pixels; ++p) {
    const float* __restrict ip = in + p * channels;
    float* __restrict op = out + p * channels;
    for (int k = 0; k < channels; ++k) {
      op[k] = ip[k] >= 0 ? ip[k] : ip[k] * slope[k];
    }
  }
}

void ClampInPlace(float* data, int64_t n, Clamp clamp) {
  for (int64_t i = 0; i < n; ++i) {
    data[i] = std::min(std::max(data[i], clamp.lo), clamp.hi);
  }
}

float HalfToFloat(uint16_t half) {
  const uint32_t sign = uint32_t{half & 0x8000u} << 16;
  const uint32_t exponent = (half >> 10) & 0x1f;
  uint32_t mantissa = half & 0x3ffu;
  uint32_t bits = 0;
  if (exponent == 0x1f) {  // infinity or NaN
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa != 0) {  // subnormal: normalise
    int shift = 0;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      ++shift;
    }
    bits = sign | ((113 - shift) << 23) | ((mantissa & 0x3ffu) << 13);
  } else {
    bits = sign;
  }
  float f = 0;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

}  // namespace vigie::faces
