#include "core/image/faces/input_size.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"

namespace vigie::faces {
namespace {

absl::Status Refused(size_t index, const std::string& why) {
  return absl::InvalidArgumentError("face model: cannot resize operator " +
                                    std::to_string(index) + ": " + why);
}

// The int32 values of a constant tensor.
std::vector<int32_t> Int32s(const TfliteTensor& t) {
  std::vector<int32_t> v(t.type == kInt32 ? t.data.size() / 4 : 0);
  if (!v.empty()) std::memcpy(v.data(), t.data.data(), v.size() * 4);
  return v;
}

}  // namespace

absl::StatusOr<ResizedModel> WithInputSize(const TfliteModel& model, int height,
                                           int width) {
  ResizedModel out;
  out.model = model;
  std::vector<TfliteTensor>& tensors = out.model.tensors;
  if (model.inputs.size() != 1 || tensors[model.inputs[0]].shape.size() != 4 ||
      height <= 0 || width <= 0) {
    return absl::InvalidArgumentError(
        "face model: expected one image input [1,h,w,c]");
  }
  std::vector<int32_t>& input = tensors[model.inputs[0]].shape;
  input[1] = height;
  input[2] = width;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const TfliteOperator& op = model.operators[i];
    if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] < 0) {
      return Refused(i, "unexpected inputs or outputs");
    }
    const std::vector<int32_t> in = tensors[op.inputs[0]].shape;
    const std::vector<int32_t>& before = model.tensors[op.outputs[0]].shape;
    std::vector<int32_t> shape = in;  // ADD, RELU, PRELU, DEQUANTIZE
    switch (op.builtin) {
      case kOpAdd:
      case kOpRelu:
      case kOpRelu6:
      case kOpPrelu:
      case kOpDequantize:
        break;
      case kOpConv2D:
      case kOpDepthwiseConv2D:
      case kOpMaxPool2D: {
        const bool pool = op.builtin == kOpMaxPool2D;
        if (in.size() != 4 || before.size() != 4 ||
            (!pool && (op.inputs.size() < 2 || op.inputs[1] < 0 ||
                       tensors[op.inputs[1]].shape.size() != 4))) {
          return Refused(i, "not an image operator");
        }
        const std::vector<int32_t>* filter =
            pool ? nullptr : &tensors[op.inputs[1]].shape;
        const OpOptions& o = op.options;
        int pad = 0;
        if (!WindowOutputSize(o.padding, in[1],
                              pool ? o.filter_h : (*filter)[1], o.stride_h,
                              pool ? 1 : o.dilation_h, &shape[1], &pad) ||
            !WindowOutputSize(o.padding, in[2],
                              pool ? o.filter_w : (*filter)[2], o.stride_w,
                              pool ? 1 : o.dilation_w, &shape[2], &pad)) {
          return Refused(i, "window larger than its input");
        }
        shape[3] = before[3];
        break;
      }
      case kOpPad: {
        const std::vector<int32_t> pads =
            op.inputs.size() == 2 && op.inputs[1] >= 0
                ? Int32s(tensors[op.inputs[1]])
                : std::vector<int32_t>();
        if (pads.size() != 2 * in.size()) return Refused(i, "bad paddings");
        for (size_t d = 0; d < in.size(); ++d) {
          shape[d] = in[d] + pads[2 * d] + pads[2 * d + 1];
        }
        break;
      }
      case kOpResizeBilinear: {
        // An upsampling by a whole factor keeps it; its size follows.
        const std::vector<int32_t>& was = model.tensors[op.inputs[0]].shape;
        if (op.inputs.size() != 2 || op.inputs[1] < 0 || in.size() != 4 ||
            was.size() != 4 || before.size() != 4 ||
            Int32s(tensors[op.inputs[1]]).size() != 2 || was[1] <= 0 ||
            was[2] <= 0 || before[1] % was[1] != 0 || before[2] % was[2] != 0 ||
            before[1] / was[1] > 64 || before[2] / was[2] > 64 ||
            in[1] > kMaxTensorElements / 64 ||
            in[2] > kMaxTensorElements / 64) {
          return Refused(i, "not an upsampling by a whole factor");
        }
        shape[1] = in[1] * (before[1] / was[1]);
        shape[2] = in[2] * (before[2] / was[2]);
        out.storage.push_back({shape[1], shape[2]});
        TfliteTensor& size = tensors[op.inputs[1]];
        size.data = image::Bytes(
            reinterpret_cast<const uint8_t*>(out.storage.back().data()), 8);
        break;
      }
      case kOpReshape: {
        // [1, h, w, c] -> [1, h * w, c]: the largest dimension (the anchors)
        // takes the change in element count.
        const int64_t was = ElementCount(model.tensors[op.inputs[0]].shape);
        const int64_t now = ElementCount(in);
        if (before.empty() || was <= 0 || now <= 0) {
          return Refused(i, "bad reshape");
        }
        shape = before;
        auto largest = std::max_element(shape.begin(), shape.end());
        if (*largest <= 0) return Refused(i, "bad reshape");
        const int64_t rest = was / *largest;
        if (rest <= 0 || now % rest != 0 || now / rest > kMaxTensorElements) {
          return Refused(i, "reshape does not follow the input size");
        }
        *largest = static_cast<int32_t>(now / rest);
        break;
      }
      case kOpConcatenation: {
        const int rank = static_cast<int>(in.size());
        const int axis =
            op.options.axis < 0 ? op.options.axis + rank : op.options.axis;
        if (axis < 0 || axis >= rank) return Refused(i, "bad axis");
        shape[axis] = 0;
        for (int32_t t : op.inputs) {
          if (t < 0 || static_cast<int>(tensors[t].shape.size()) != rank) {
            return Refused(i, "rank mismatch");
          }
          shape[axis] += tensors[t].shape[axis];
        }
        break;
      }
      default:
        return Refused(i, "operator kind " + std::to_string(op.builtin));
    }
    if (ElementCount(shape) <= 0) return Refused(i, "too large");
    tensors[op.outputs[0]].shape = std::move(shape);
  }
  return out;
}

}  // namespace vigie::faces
