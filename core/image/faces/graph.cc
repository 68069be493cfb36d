#include "core/image/faces/graph.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"

namespace vigie::faces {
namespace {

// Bound the work of one Run() and the memory of a graph on any model, above
// BlazeFace: full range 0.11 G multiply-adds and ~19 M floats (every
// activation counted apart, weights included; shared buffers hold far
// less) on its 192x192 input, ~34 M on the 256x256 one of a square photo's
// tiles in one run (blazeface.h).
constexpr int64_t kMaxMultiplyAdds = int64_t{1} << 30;
constexpr int64_t kMaxFloats = int64_t{64} << 20;

absl::Status OpError(size_t index, const std::string& what) {
  return absl::InvalidArgumentError("unsupported face model: operator " +
                                    std::to_string(index) + ": " + what);
}

bool ToHwc(const std::vector<int32_t>& shape, Hwc* out) {
  if (shape.size() != 4 || shape[0] != 1) return false;
  if (shape[1] <= 0 || shape[2] <= 0 || shape[3] <= 0) return false;
  *out = {shape[1], shape[2], shape[3]};
  return true;
}

bool ToClamp(int8_t activation, Clamp* out) {
  switch (static_cast<Activation>(activation)) {
    case Activation::kNone:
      *out = Clamp();
      return true;
    case Activation::kRelu:
      *out = {0.0f, Clamp().hi};
      return true;
    case Activation::kRelu6:
      *out = {0.0f, 6.0f};
      return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<Graph> Graph::Build(const TfliteModel& model,
                                   const Graph* constants_of) {
  Graph g;
  const size_t n = model.tensors.size();
  g.shapes_.resize(n);
  g.values_.resize(n);
  g.reordered_.resize(n);
  g.constants_of_ = constants_of;
  g.known_.assign(n, false);
  for (size_t t = 0; t < n; ++t) g.shapes_[t] = model.tensors[t].shape;

  if (model.inputs.size() != 1 ||
      model.tensors[model.inputs[0]].type != kFloat32 ||
      !ToHwc(model.tensors[model.inputs[0]].shape, &g.input_shape_)) {
    return absl::InvalidArgumentError(
        "unsupported face model: expected one float32 image input [1,h,w,c]");
  }
  g.input_ = model.inputs[0];
  g.known_[g.input_] = true;
  if (!g.Allot(g.input_shape_.size())) {
    return absl::InvalidArgumentError(
        "unsupported face model: input too large");
  }
  g.values_[g.input_] =
      std::make_shared<std::vector<float>>(g.input_shape_.size());

  int64_t work = 0;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    if (absl::Status s = g.AddStep(i, model.operators[i], model); !s.ok()) {
      return s;
    }
    if (g.steps_.empty()) continue;
    const Step& step = g.steps_.back();
    const int64_t outputs = ElementCount(g.shapes_[step.out]);
    const int64_t taps = int64_t{step.window.kh} * step.window.kw;
    work += outputs * (step.op == kOpConv2D ? taps * step.in_shape.c : taps);
    if (work > kMaxMultiplyAdds) return OpError(i, "too much computation");
  }
  for (int32_t t : model.outputs) {
    if (!g.known_[t] || model.tensors[t].type != kFloat32) {
      return absl::InvalidArgumentError(
          "unsupported face model: an output is never computed");
    }
  }
  g.outputs_ = model.outputs;
  g.FuseActivations();
  g.FuseResidualAdds();
  g.ShareBuffers();
  g.constants_of_ = nullptr;
  return g;
}

bool Graph::Allot(int64_t n) {
  floats_ += n;
  return floats_ <= kMaxFloats;
}

absl::Status Graph::AddStep(size_t index, const TfliteOperator& op,
                            const TfliteModel& model) {
  // Makes tensor `t` available as floats: computed earlier, or a constant.
  const auto require = [&](int32_t t) -> bool {
    if (t < 0) return false;
    if (known_[t]) return true;
    const TfliteTensor& tensor = model.tensors[t];
    if (const Graph* other = constants_of_;
        other != nullptr && static_cast<size_t>(t) < other->values_.size() &&
        t != other->input_ && other->values_[t] != nullptr &&
        other->shapes_[t] == shapes_[t]) {
      values_[t] = other->values_[t];
      known_[t] = true;
      return true;
    }
    const int64_t count = ElementCount(tensor.shape);
    const size_t width = tensor.type == kFloat32   ? 4
                         : tensor.type == kFloat16 ? 2
                                                   : 0;
    if (width == 0 ||
        tensor.data.size() != static_cast<size_t>(count) * width ||
        !Allot(count)) {
      return false;
    }
    values_[t] = std::make_shared<std::vector<float>>(count);
    std::vector<float>& v = *values_[t];
    for (int64_t k = 0; k < count; ++k) {
      const uint8_t* p = tensor.data.data() + k * width;
      if (width == 4) {
        std::memcpy(&v[k], p, 4);
      } else {
        v[k] = HalfToFloat(static_cast<uint16_t>(p[0] | p[1] << 8));
      }
    }
    known_[t] = true;
    return true;
  };
  if (op.outputs.size() != 1) return OpError(index, "expected one output");
  if (!Allot(ElementCount(shapes_[op.outputs[0]]))) {
    return OpError(index, "the model needs too much memory");
  }
  const int32_t out = op.outputs[0];
  if (known_[out]) return OpError(index, "writes a tensor twice");
  const TfliteTensor& out_tensor = model.tensors[out];
  if (out_tensor.type != kFloat32) return OpError(index, "non-float output");
  for (int32_t t : op.inputs) {
    // Integer constants (paddings, shapes) are read below, not as floats.
    if (t >= 0 && model.tensors[t].type == kInt32) continue;
    if (!require(t)) {
      return OpError(index,
                     "reads a tensor that is neither computed nor a float "
                     "constant, or needs too much memory");
    }
  }

  if (op.builtin == kOpDequantize) {  // fp16 constant: already converted
    if (op.inputs.size() != 1 || model.tensors[op.inputs[0]].type != kFloat16 ||
        shapes_[op.inputs[0]] != shapes_[out]) {
      return OpError(index,
                     "DEQUANTIZE of something else than a float16 constant");
    }
    values_[out] = values_[op.inputs[0]];
    known_[out] = true;
    return absl::OkStatus();
  }

  Step step;
  step.op = op.builtin;
  step.in = op.inputs;
  step.out = out;
  const std::vector<int32_t>& out_dims = shapes_[out];
  const auto in_dims = [&](size_t k) -> const std::vector<int32_t>& {
    return shapes_[op.inputs[k]];
  };
  const OpOptions& o = op.options;
  switch (op.builtin) {
    case kOpConv2D:
    case kOpDepthwiseConv2D:
    case kOpMaxPool2D: {
      const bool pool = op.builtin == kOpMaxPool2D;
      const bool depthwise = op.builtin == kOpDepthwiseConv2D;
      if (op.inputs.size() != (pool ? 1u : 3u) ||
          !ToHwc(in_dims(0), &step.in_shape) ||
          !ToHwc(out_dims, &step.out_shape) ||
          !ToClamp(o.activation, &step.clamp)) {
        return OpError(index, "bad inputs, shapes or activation");
      }
      int out_channels = step.in_shape.c;
      if (pool) {
        step.window.kh = o.filter_h;
        step.window.kw = o.filter_w;
      } else {
        const std::vector<int32_t>& filter = in_dims(1);
        if (filter.size() != 4 || filter[3] != step.in_shape.c ||
            (depthwise && filter[0] != 1)) {
          return OpError(index,
                         "filter shape does not match the input "
                         "(depth multiplier must be 1)");
        }
        out_channels = depthwise ? filter[3] : filter[0];
        step.window.kh = filter[1];
        step.window.kw = filter[2];
        if (in_dims(2) != std::vector<int32_t>{out_channels}) {
          return OpError(index, "bias shape does not match the filter");
        }
      }
      step.window.stride_h = o.stride_h;
      step.window.stride_w = o.stride_w;
      step.window.dilation_h = pool ? 1 : o.dilation_h;
      step.window.dilation_w = pool ? 1 : o.dilation_w;
      int oh = 0;
      int ow = 0;
      if (!WindowOutputSize(o.padding, step.in_shape.h, step.window.kh,
                            o.stride_h, step.window.dilation_h, &oh,
                            &step.window.pad_top) ||
          !WindowOutputSize(o.padding, step.in_shape.w, step.window.kw,
                            o.stride_w, step.window.dilation_w, &ow,
                            &step.window.pad_left) ||
          step.out_shape.h != oh || step.out_shape.w != ow ||
          step.out_shape.c != out_channels) {
        return OpError(index, "output shape does not follow from the window");
      }
      const Window& win = step.window;
      step.pointwise = op.builtin == kOpConv2D && win.kh == 1 && win.kw == 1 &&
                       win.stride_h == 1 && win.stride_w == 1 &&
                       win.pad_top == 0 && win.pad_left == 0;
      if (op.builtin == kOpConv2D) {  // [O][KH][KW][C] -> [KH][KW][C][O]
        const int32_t filter = op.inputs[1];
        const std::vector<float>& w = *values_[filter];
        if (constants_of_ != nullptr &&
            static_cast<size_t>(filter) < constants_of_->values_.size() &&
            constants_of_->values_[filter] == values_[filter] &&
            constants_of_->reordered_[filter] != nullptr) {
          step.weights = constants_of_->reordered_[filter];  // same filter
        } else {
          const int taps = step.window.kh * step.window.kw;
          const int c = step.in_shape.c;
          if (!Allot(static_cast<int64_t>(w.size()))) {
            return OpError(index, "the model needs too much memory");
          }
          auto reordered = std::make_shared<std::vector<float>>(w.size());
          for (int k = 0; k < out_channels; ++k) {
            for (int tap = 0; tap < taps; ++tap) {
              for (int ch = 0; ch < c; ++ch) {
                (*reordered)[(int64_t{tap} * c + ch) * out_channels + k] =
                    w[(int64_t{k} * taps + tap) * c + ch];
              }
            }
          }
          step.weights = std::move(reordered);
        }
        reordered_[filter] = step.weights;
      }
      break;
    }
    case kOpAdd:
      if (op.inputs.size() != 2 || in_dims(0) != out_dims ||
          in_dims(1) != out_dims || !ToClamp(o.activation, &step.clamp)) {
        return OpError(index, "ADD needs two inputs of the output's shape");
      }
      break;
    case kOpRelu:
    case kOpRelu6:
      if (op.inputs.size() != 1 || in_dims(0) != out_dims) {
        return OpError(index, "RELU changes the shape");
      }
      step.clamp = {0.0f, op.builtin == kOpRelu6 ? 6.0f : Clamp().hi};
      break;
    case kOpPrelu:
      if (op.inputs.size() != 2 || in_dims(0) != out_dims ||
          !ToHwc(out_dims, &step.out_shape) || in_dims(1).empty() ||
          in_dims(1).back() != step.out_shape.c ||
          ElementCount(in_dims(1)) != step.out_shape.c) {
        return OpError(index, "PRELU needs one slope per channel");
      }
      break;
    case kOpPad: {
      if (op.inputs.size() != 2 || !ToHwc(in_dims(0), &step.in_shape) ||
          !ToHwc(out_dims, &step.out_shape)) {
        return OpError(index, "PAD needs an image tensor");
      }
      const TfliteTensor& pads = model.tensors[op.inputs[1]];
      if (pads.type != kInt32 || pads.shape != std::vector<int32_t>{4, 2} ||
          pads.data.size() != 32) {
        return OpError(index, "PAD needs constant int32 paddings [4,2]");
      }
      int32_t p[8];
      std::memcpy(p, pads.data.data(), sizeof p);  // little-endian hosts
      const int dims[4] = {1, step.in_shape.h, step.in_shape.w,
                           step.in_shape.c};
      const int out4[4] = {1, step.out_shape.h, step.out_shape.w,
                           step.out_shape.c};
      for (int d = 0; d < 4; ++d) {
        if (p[2 * d] < 0 || p[2 * d + 1] < 0 ||
            int64_t{dims[d]} + p[2 * d] + p[2 * d + 1] != out4[d]) {
          return OpError(index, "PAD output shape does not match its paddings");
        }
        if (d > 0) step.pad_before[d - 1] = p[2 * d];
      }
      break;
    }
    case kOpResizeBilinear:
      // The size input (int32 constant) must agree with the output shape.
      if (op.inputs.size() != 2 || !ToHwc(in_dims(0), &step.in_shape) ||
          !ToHwc(out_dims, &step.out_shape) ||
          step.out_shape.c != step.in_shape.c) {
        return OpError(index, "RESIZE_BILINEAR needs an image tensor");
      }
      {
        const TfliteTensor& size = model.tensors[op.inputs[1]];
        int32_t hw[2] = {0, 0};
        if (size.type != kInt32 || size.data.size() != sizeof hw) {
          return OpError(index, "RESIZE_BILINEAR needs a constant int32 size");
        }
        std::memcpy(hw, size.data.data(), sizeof hw);
        if (hw[0] != step.out_shape.h || hw[1] != step.out_shape.w) {
          return OpError(index,
                         "RESIZE_BILINEAR size does not match its output");
        }
      }
      step.align_corners = o.align_corners;
      step.half_pixel_centers = o.half_pixel_centers;
      break;
    case kOpReshape:
      if (op.inputs.empty() ||
          ElementCount(in_dims(0)) != ElementCount(out_dims)) {
        return OpError(index, "RESHAPE changes the element count");
      }
      break;
    case kOpConcatenation: {
      const int rank = static_cast<int>(out_dims.size());
      const int axis = o.axis < 0 ? o.axis + rank : o.axis;
      if (op.inputs.empty() || axis < 0 || axis >= rank ||
          !ToClamp(o.activation, &step.clamp)) {
        return OpError(index, "bad CONCATENATION axis");
      }
      int64_t along = 0;
      for (size_t k = 0; k < op.inputs.size(); ++k) {
        const std::vector<int32_t>& d = in_dims(k);
        if (static_cast<int>(d.size()) != rank)
          return OpError(index, "rank mismatch");
        for (int a = 0; a < rank; ++a) {
          if (a != axis && d[a] != out_dims[a])
            return OpError(index, "shape mismatch");
        }
        along += d[axis];
      }
      if (along != out_dims[axis])
        return OpError(index, "concatenated size mismatch");
      for (int a = 0; a < axis; ++a) step.outer *= out_dims[a];
      break;
    }
    default:
      return OpError(index, "operator kind " + std::to_string(op.builtin) +
                                " is not implemented");
  }
  known_[out] = true;
  steps_.push_back(std::move(step));
  return absl::OkStatus();
}

std::vector<int> Graph::ReaderCounts() const {
  std::vector<int> readers(shapes_.size(), 0);
  for (const Step& s : steps_) {
    for (int32_t t : s.in) {
      if (t >= 0) ++readers[t];
    }
  }
  for (int32_t t : outputs_) ++readers[t];
  return readers;
}

void Graph::FuseActivations() {
  const std::vector<int> readers = ReaderCounts();
  const auto clamps_output = [](int32_t op) {
    return op == kOpConv2D || op == kOpDepthwiseConv2D || op == kOpAdd ||
           op == kOpMaxPool2D || op == kOpConcatenation;
  };
  std::vector<Step> kept;
  std::vector<int> producer(shapes_.size(), -1);  // index in `kept`
  for (Step& s : steps_) {
    if ((s.op == kOpRelu || s.op == kOpRelu6) && producer[s.in[0]] >= 0) {
      Step& p = kept[producer[s.in[0]]];
      const Clamp none;
      if (readers[s.in[0]] == 1 && clamps_output(p.op) &&
          p.clamp.lo == none.lo && p.clamp.hi == none.hi) {
        p.clamp = s.clamp;
        p.out = s.out;
        producer[s.out] = producer[s.in[0]];
        continue;
      }
    }
    producer[s.out] = static_cast<int>(kept.size());
    kept.push_back(std::move(s));
  }
  steps_ = std::move(kept);
}

void Graph::FuseResidualAdds() {
  const std::vector<int> readers = ReaderCounts();
  std::vector<int> producer(shapes_.size(), -1);
  for (size_t i = 0; i < steps_.size(); ++i) {
    producer[steps_[i].out] = static_cast<int>(i);
  }
  std::vector<bool> removed(steps_.size(), false);
  const Clamp none;
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& add = steps_[i];
    if (add.op != kOpAdd) continue;
    for (int side = 0; side < 2; ++side) {
      const int conv_index = producer[add.in[side]];
      if (conv_index < 0) continue;
      Step& conv = steps_[conv_index];
      if (!conv.pointwise || conv.residual >= 0 || readers[conv.out] != 1 ||
          conv.clamp.lo != none.lo || conv.clamp.hi != none.hi) {
        continue;
      }
      // The other operand, seen through a PAD that only adds channels.
      int32_t residual = add.in[1 - side];
      int pad_index = producer[residual];
      if (pad_index >= 0 && steps_[pad_index].op == kOpPad &&
          readers[residual] == 1 && steps_[pad_index].pad_before[0] == 0 &&
          steps_[pad_index].pad_before[1] == 0 &&
          steps_[pad_index].pad_before[2] == 0 &&
          steps_[pad_index].in_shape.h == steps_[pad_index].out_shape.h &&
          steps_[pad_index].in_shape.w == steps_[pad_index].out_shape.w) {
        residual = steps_[pad_index].in[0];
      } else {
        pad_index = -1;
      }
      // It must exist when the convolution runs.
      if (producer[residual] >= conv_index) continue;
      conv.residual = residual;
      conv.residual_c = shapes_[residual].back();
      conv.clamp = add.clamp;
      conv.out = add.out;
      conv.in.push_back(residual);  // keeps it alive until then
      removed[i] = true;
      if (pad_index >= 0) removed[pad_index] = true;
      break;
    }
  }
  std::vector<Step> kept;
  for (size_t i = 0; i < steps_.size(); ++i) {
    if (!removed[i]) kept.push_back(std::move(steps_[i]));
  }
  steps_ = std::move(kept);
}

void Graph::ShareBuffers() {
  std::vector<size_t> last_use(shapes_.size(), 0);
  for (size_t i = 0; i < steps_.size(); ++i) {
    for (int32_t t : steps_[i].in) {
      if (t >= 0) last_use[t] = i;
    }
  }
  for (int32_t t : outputs_) last_use[t] = steps_.size();  // never released
  buffer_of_.assign(shapes_.size(), -1);
  std::vector<int> free;
  for (size_t i = 0; i < steps_.size(); ++i) {
    const int32_t out = steps_[i].out;
    const int64_t size = ElementCount(shapes_[out]);
    // The smallest free buffer that fits, else the largest (grown), else new.
    auto fit = free.end();
    auto largest = free.end();
    for (auto it = free.begin(); it != free.end(); ++it) {
      const int64_t have = buffer_sizes_[*it];
      if (have >= size && (fit == free.end() || have < buffer_sizes_[*fit])) {
        fit = it;
      }
      if (largest == free.end() || have > buffer_sizes_[*largest]) largest = it;
    }
    const auto pick = fit != free.end() ? fit : largest;
    int buffer = static_cast<int>(buffer_sizes_.size());
    if (pick != free.end()) {
      buffer = *pick;
      free.erase(pick);
    } else {
      buffer_sizes_.push_back(0);
    }
    buffer_sizes_[buffer] = std::max(buffer_sizes_[buffer], size);
    buffer_of_[out] = buffer;
    for (int32_t t : steps_[i].in) {
      if (t < 0 || buffer_of_[t] < 0 || last_use[t] != i) continue;
      if (std::find(free.begin(), free.end(), buffer_of_[t]) == free.end()) {
        free.push_back(buffer_of_[t]);
      }
    }
  }
  // One scratch area holds them all, one after the other.
  for (int64_t size : buffer_sizes_) {
    buffer_offset_.push_back(scratch_floats_);
    scratch_floats_ += size;
  }
}

void Graph::Run(const float* input, std::vector<float>* scratch) {
  if (static_cast<int64_t>(scratch->size()) < scratch_floats_) {
    scratch->clear();
    scratch->shrink_to_fit();  // released before the larger one is taken
    scratch->resize(scratch_floats_);
  }
  scratch_ = scratch->data();
  std::copy(input, input + input_shape_.size(), values_[input_]->begin());
  for (const Step& s : steps_) {
    float* out = Data(s.out);
    const auto in = [&](size_t k) { return Data(s.in[k]); };
    const int64_t size = ElementCount(shapes_[s.out]);
    switch (s.op) {
      case kOpConv2D:
        if (s.pointwise) {
          PointwiseConv2D(in(0), s.out_shape.size() / s.out_shape.c,
                          s.in_shape.c, s.weights->data(), in(2), s.out_shape.c,
                          s.residual >= 0 ? Data(s.residual) : nullptr,
                          s.residual_c, s.clamp, out);
        } else {
          Conv2D(in(0), s.in_shape, s.weights->data(), in(2), s.window, s.clamp,
                 out, s.out_shape);
        }
        break;
      case kOpDepthwiseConv2D:
        DepthwiseConv2D(in(0), s.in_shape, in(1), in(2), s.window, s.clamp, out,
                        s.out_shape);
        break;
      case kOpMaxPool2D:
        MaxPool2D(in(0), s.in_shape, s.window, s.clamp, out, s.out_shape);
        break;
      case kOpAdd:
        Add(in(0), in(1), size, s.clamp, out);
        break;
      case kOpRelu:
      case kOpRelu6:
      case kOpReshape:
        std::copy(in(0), in(0) + size, out);
        if (s.op != kOpReshape) ClampInPlace(out, size, s.clamp);
        break;
      case kOpPrelu:
        Prelu(in(0), size / s.out_shape.c, s.out_shape.c, in(1), out);
        break;
      case kOpResizeBilinear:
        ResizeBilinear(in(0), s.in_shape, s.align_corners, s.half_pixel_centers,
                       out, s.out_shape);
        break;
      case kOpPad:
        Pad(in(0), s.in_shape, s.pad_before, out, s.out_shape);
        break;
      case kOpConcatenation: {
        // Each input contributes a contiguous chunk per outer index.
        int64_t offset = 0;
        const int64_t stride = size / s.outer;
        for (size_t k = 0; k < s.in.size(); ++k) {
          const int64_t chunk = ElementCount(shapes_[s.in[k]]) / s.outer;
          for (int64_t o = 0; o < s.outer; ++o) {
            std::copy(in(k) + o * chunk, in(k) + (o + 1) * chunk,
                      out + o * stride + offset);
          }
          offset += chunk;
        }
        ClampInPlace(out, size, s.clamp);
        break;
      }
    }
  }
}

}  // namespace vigie::faces
