#include "core/image/faces/tensor_ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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

void Store4(Float4 v, Clamp clamp, float* p) {
  for (int j = 0; j < 4; ++j)
    p[j] = std::min(std::max(v[j], clamp.lo), clamp.hi);
}

// First and one-past-last kernel taps that land inside [0, size) for an
// output position whose first tap is at `origin`.
void ValidTaps(int origin, int dilation, int taps, int size, int* first,
               int* last) {
  *first = 0;
  while (*first < taps && origin + *first * dilation < 0) ++*first;
  *last = taps;
  while (*last > *first && origin + (*last - 1) * dilation >= size) --*last;
}

}  // namespace

void Conv2D(const float* in, Hwc in_shape, const float* weights,
            const float* bias, const Window& window, Clamp clamp, float* out,
            Hwc out_shape) {
  const int in_c = in_shape.c;
  const int out_c = out_shape.c;
  for (int oy = 0; oy < out_shape.h; ++oy) {
    const int iy0 = oy * window.stride_h - window.pad_top;
    int ky0 = 0;
    int ky1 = 0;
    ValidTaps(iy0, window.dilation_h, window.kh, in_shape.h, &ky0, &ky1);
    for (int ox = 0; ox < out_shape.w; ++ox) {
      const int ix0 = ox * window.stride_w - window.pad_left;
      int kx0 = 0;
      int kx1 = 0;
      ValidTaps(ix0, window.dilation_w, window.kw, in_shape.w, &kx0, &kx1);
      float* o = out + (int64_t{oy} * out_shape.w + ox) * out_c;
      int k = 0;
      for (; k + 4 <= out_c; k += 4) {
        Float4 acc = Load4(bias + k);
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = iy0 + ky * window.dilation_h;
          for (int kx = kx0; kx < kx1; ++kx) {
            const int ix = ix0 + kx * window.dilation_w;
            const float* ip = in + (int64_t{iy} * in_shape.w + ix) * in_c;
            const float* wp =
                weights + (int64_t{ky} * window.kw + kx) * in_c * out_c + k;
            for (int c = 0; c < in_c; ++c) {
              acc += ip[c] * Load4(wp + int64_t{c} * out_c);
            }
          }
        }
        Store4(acc, clamp, o + k);
      }
      for (; k < out_c; ++k) {  // the channels left over
        float acc = bias[k];
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = iy0 + ky * window.dilation_h;
          for (int kx = kx0; kx < kx1; ++kx) {
            const int ix = ix0 + kx * window.dilation_w;
            const float* ip = in + (int64_t{iy} * in_shape.w + ix) * in_c;
            const float* wp =
                weights + (int64_t{ky} * window.kw + kx) * in_c * out_c + k;
            for (int c = 0; c < in_c; ++c)
              acc += ip[c] * wp[int64_t{c} * out_c];
          }
        }
        o[k] = std::min(std::max(acc, clamp.lo), clamp.hi);
      }
    }
  }
}

void PointwiseConv2D(const float* in, int64_t pixels, int in_c,
                     const float* weights, const float* bias, int out_c,
                     Clamp clamp, float* out) {
  constexpr int kPixels = 4;
  constexpr int kChannels = 8;  // two Float4
  const auto clamped = [clamp](float v) {
    return std::min(std::max(v, clamp.lo), clamp.hi);
  };
  int64_t p = 0;
  for (; p + kPixels <= pixels; p += kPixels) {
    const float* ip = in + p * in_c;
    float* op = out + p * out_c;
    int k0 = 0;
    for (; k0 + kChannels <= out_c; k0 += kChannels) {
      Float4 acc[kPixels][2];
      for (int i = 0; i < kPixels; ++i) {
        acc[i][0] = Load4(bias + k0);
        acc[i][1] = Load4(bias + k0 + 4);
      }
      for (int c = 0; c < in_c; ++c) {
        const float* w = weights + int64_t{c} * out_c + k0;
        const Float4 w0 = Load4(w);
        const Float4 w1 = Load4(w + 4);
        for (int i = 0; i < kPixels; ++i) {
          const float a = ip[int64_t{i} * in_c + c];
          acc[i][0] += a * w0;
          acc[i][1] += a * w1;
        }
      }
      for (int i = 0; i < kPixels; ++i) {
        Store4(acc[i][0], clamp, op + int64_t{i} * out_c + k0);
        Store4(acc[i][1], clamp, op + int64_t{i} * out_c + k0 + 4);
      }
    }
    for (int i = 0; i < kPixels; ++i) {  // the channels left over
      for (int k = k0; k < out_c; ++k) {
        float sum = bias[k];
        for (int c = 0; c < in_c; ++c) {
          sum += ip[int64_t{i} * in_c + c] * weights[int64_t{c} * out_c + k];
        }
        op[int64_t{i} * out_c + k] = clamped(sum);
      }
    }
  }
  for (; p < pixels; ++p) {  // the pixels left over
    for (int k = 0; k < out_c; ++k) {
      float sum = bias[k];
      for (int c = 0; c < in_c; ++c) {
        sum += in[p * in_c + c] * weights[int64_t{c} * out_c + k];
      }
      out[p * out_c + k] = clamped(sum);
    }
  }
}

void DepthwiseConv2D(const float* in, Hwc in_shape, const float* weights,
                     const float* bias, const Window& window, Clamp clamp,
                     float* out, Hwc out_shape) {
  const int c = out_shape.c;
  for (int oy = 0; oy < out_shape.h; ++oy) {
    const int iy0 = oy * window.stride_h - window.pad_top;
    int ky0 = 0;
    int ky1 = 0;
    ValidTaps(iy0, window.dilation_h, window.kh, in_shape.h, &ky0, &ky1);
    for (int ox = 0; ox < out_shape.w; ++ox) {
      const int ix0 = ox * window.stride_w - window.pad_left;
      int kx0 = 0;
      int kx1 = 0;
      ValidTaps(ix0, window.dilation_w, window.kw, in_shape.w, &kx0, &kx1);
      float* o = out + (int64_t{oy} * out_shape.w + ox) * c;
      int k = 0;
      for (; k + 4 <= c; k += 4) {
        Float4 acc = Load4(bias + k);
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = iy0 + ky * window.dilation_h;
          for (int kx = kx0; kx < kx1; ++kx) {
            const int ix = ix0 + kx * window.dilation_w;
            acc += Load4(in + (int64_t{iy} * in_shape.w + ix) * c + k) *
                   Load4(weights + (int64_t{ky} * window.kw + kx) * c + k);
          }
        }
        Store4(acc, clamp, o + k);
      }
      for (; k < c; ++k) {  // the channels left over
        float acc = bias[k];
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = iy0 + ky * window.dilation_h;
          for (int kx = kx0; kx < kx1; ++kx) {
            const int ix = ix0 + kx * window.dilation_w;
            acc += in[(int64_t{iy} * in_shape.w + ix) * c + k] *
                   weights[(int64_t{ky} * window.kw + kx) * c + k];
          }
        }
        o[k] = std::min(std::max(acc, clamp.lo), clamp.hi);
      }
    }
  }
}

void MaxPool2D(const float* in, Hwc in_shape, const Window& window, Clamp clamp,
               float* out, Hwc out_shape) {
  const int c = out_shape.c;
  for (int oy = 0; oy < out_shape.h; ++oy) {
    const int iy0 = oy * window.stride_h - window.pad_top;
    int ky0 = 0;
    int ky1 = 0;
    ValidTaps(iy0, 1, window.kh, in_shape.h, &ky0, &ky1);
    for (int ox = 0; ox < out_shape.w; ++ox) {
      const int ix0 = ox * window.stride_w - window.pad_left;
      int kx0 = 0;
      int kx1 = 0;
      ValidTaps(ix0, 1, window.kw, in_shape.w, &kx0, &kx1);
      float* __restrict o = out + (int64_t{oy} * out_shape.w + ox) * c;
      std::fill(o, o + c, -std::numeric_limits<float>::infinity());
      for (int ky = ky0; ky < ky1; ++ky) {
        for (int kx = kx0; kx < kx1; ++kx) {
          const float* __restrict ip =
              in + (int64_t{iy0 + ky} * in_shape.w + ix0 + kx) * c;
          for (int k = 0; k < c; ++k) o[k] = std::max(o[k], ip[k]);
        }
      }
      for (int k = 0; k < c; ++k) {
        o[k] = std::min(std::max(o[k], clamp.lo), clamp.hi);
      }
    }
  }
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
