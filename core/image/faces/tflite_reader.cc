#include "core/image/faces/tflite_reader.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"

namespace vigie::faces {
namespace {

using image::Bytes;

// Field numbers of the TensorFlow Lite schema (schema.fbs), in declaration
// order: a FlatBuffer vtable lists fields by that number.
enum ModelField {
  kModelOperatorCodes = 1,
  kModelSubgraphs = 2,
  kModelBuffers = 4
};
enum OperatorCodeField { kCodeDeprecatedBuiltin = 0, kCodeBuiltin = 3 };
enum SubgraphField {
  kSgTensors = 0,
  kSgInputs = 1,
  kSgOutputs = 2,
  kSgOperators = 3
};
enum TensorField {
  kTensorShape = 0,
  kTensorType = 1,
  kTensorBuffer = 2,
  kTensorName = 3
};
enum OperatorField {
  kOpOpcodeIndex = 0,
  kOpInputs = 1,
  kOpOutputs = 2,
  kOpBuiltinOptions = 4
};
enum BufferField { kBufferData = 0 };

// A table: its position in the file and its vtable.
struct Table {
  size_t pos = 0;
  size_t vtable = 0;
  uint16_t vtable_size = 0;
};

// A vector: where its first element starts and how many it holds.
struct Vector {
  size_t start = 0;
  uint32_t length = 0;
};

// FlatBuffer navigation over untrusted bytes. The first fault is kept in
// `error` and every later call fails, so callers only check at the end of a
// step.
class FlatReader {
 public:
  explicit FlatReader(Bytes file) : file_(file) {}

  const std::string& error() const { return error_; }
  bool Fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
    return false;
  }

  bool TableAt(size_t pos, Table* out) {
    int32_t soffset = 0;
    if (!I32(pos, &soffset)) return Fail("table outside the file");
    const int64_t vtable = static_cast<int64_t>(pos) - soffset;
    uint16_t vsize = 0;
    if (vtable < 0 || !U16(static_cast<size_t>(vtable), &vsize) || vsize < 4 ||
        vsize % 2 != 0 || !file_.Contains(static_cast<size_t>(vtable), vsize)) {
      return Fail("bad vtable");
    }
    *out = {pos, static_cast<size_t>(vtable), vsize};
    return true;
  }

  // Position of field `field` of `table`, or false when absent.
  bool Field(const Table& table, int field, size_t* at) {
    const size_t entry = 4 + 2 * static_cast<size_t>(field);
    if (entry + 2 > table.vtable_size) return false;
    uint16_t offset = 0;
    if (!U16(table.vtable + entry, &offset) || offset == 0) return false;
    *at = table.pos + offset;
    return true;
  }

  // Follows a uoffset (relative to where it is stored).
  bool Deref(size_t at, size_t* target) {
    uint32_t offset = 0;
    if (!file_.U32LE(at, &offset)) return Fail("offset outside the file");
    if (offset == 0 || offset > file_.size() - at)
      return Fail("offset outside the file");
    *target = at + offset;
    return true;
  }

  bool SubTable(const Table& table, int field, Table* out) {
    size_t at = 0;
    size_t target = 0;
    return Field(table, field, &at) && Deref(at, &target) &&
           TableAt(target, out);
  }

  // A vector field with elements of `element_size` bytes; absent = empty.
  bool VectorField(const Table& table, int field, size_t element_size,
                   Vector* out) {
    *out = {};
    size_t at = 0;
    if (!Field(table, field, &at)) return true;
    size_t target = 0;
    uint32_t length = 0;
    if (!Deref(at, &target) || !file_.U32LE(target, &length)) {
      return Fail("vector outside the file");
    }
    const uint64_t bytes = uint64_t{length} * element_size;
    if (bytes > file_.size() || !file_.Contains(target + 4, bytes)) {
      return Fail("vector longer than the file");
    }
    *out = {target + 4, length};
    return true;
  }

  bool TableElement(const Vector& vec, uint32_t i, Table* out) {
    size_t target = 0;
    return Deref(vec.start + 4 * size_t{i}, &target) && TableAt(target, out);
  }

  bool IntVector(const Table& table, int field, size_t cap,
                 std::vector<int32_t>* out) {
    Vector vec;
    if (!VectorField(table, field, 4, &vec)) return false;
    if (vec.length > cap) return Fail("vector too long");
    out->resize(vec.length);
    for (uint32_t i = 0; i < vec.length; ++i)
      I32(vec.start + 4 * size_t{i}, &(*out)[i]);
    return true;
  }

  template <typename T>
  T Scalar(const Table& table, int field, T fallback) {
    size_t at = 0;
    if (!Field(table, field, &at)) return fallback;
    static_assert(sizeof(T) == 1 || sizeof(T) == 4);
    uint32_t raw = 0;
    uint8_t byte = 0;
    const bool fits =
        sizeof(T) == 1 ? file_.U8(at, &byte) : file_.U32LE(at, &raw);
    if (!fits) {
      Fail("field outside the file");
      return fallback;
    }
    return sizeof(T) == 1 ? static_cast<T>(byte) : static_cast<T>(raw);
  }

  std::string String(const Table& table, int field) {
    Vector vec;
    if (!VectorField(table, field, 1, &vec)) return {};
    return std::string(file_.Sub(vec.start, vec.length).AsString());
  }

  Bytes Slice(const Vector& vec) { return file_.Sub(vec.start, vec.length); }

 private:
  bool U16(size_t at, uint16_t* out) { return file_.U16(at, false, out); }
  bool I32(size_t at, int32_t* out) {
    uint32_t raw = 0;
    if (!file_.U32LE(at, &raw)) return false;
    *out = static_cast<int32_t>(raw);
    return true;
  }

  Bytes file_;
  std::string error_;
};

// Reads the options table of an operator, by operator kind (the field order
// of Conv2DOptions, DepthwiseConv2DOptions, Pool2DOptions and
// ConcatenationOptions, ResizeBilinearOptions in schema.fbs).
void ReadOptions(FlatReader& r, const Table& options, int32_t builtin,
                 OpOptions* out) {
  switch (builtin) {
    case kOpConv2D:
      out->padding = static_cast<Padding>(r.Scalar<int8_t>(options, 0, 0));
      out->stride_w = r.Scalar<int32_t>(options, 1, 0);
      out->stride_h = r.Scalar<int32_t>(options, 2, 0);
      out->activation = r.Scalar<int8_t>(options, 3, 0);
      out->dilation_w = r.Scalar<int32_t>(options, 4, 1);
      out->dilation_h = r.Scalar<int32_t>(options, 5, 1);
      break;
    case kOpDepthwiseConv2D:
      out->padding = static_cast<Padding>(r.Scalar<int8_t>(options, 0, 0));
      out->stride_w = r.Scalar<int32_t>(options, 1, 0);
      out->stride_h = r.Scalar<int32_t>(options, 2, 0);
      out->depth_multiplier = r.Scalar<int32_t>(options, 3, 0);
      out->activation = r.Scalar<int8_t>(options, 4, 0);
      out->dilation_w = r.Scalar<int32_t>(options, 5, 1);
      out->dilation_h = r.Scalar<int32_t>(options, 6, 1);
      break;
    case kOpMaxPool2D:
      out->padding = static_cast<Padding>(r.Scalar<int8_t>(options, 0, 0));
      out->stride_w = r.Scalar<int32_t>(options, 1, 0);
      out->stride_h = r.Scalar<int32_t>(options, 2, 0);
      out->filter_w = r.Scalar<int32_t>(options, 3, 0);
      out->filter_h = r.Scalar<int32_t>(options, 4, 0);
      out->activation = r.Scalar<int8_t>(options, 5, 0);
      break;
    case kOpConcatenation:
      out->axis = r.Scalar<int32_t>(options, 0, 0);
      out->activation = r.Scalar<int8_t>(options, 1, 0);
      break;
    case kOpAdd:
      out->activation = r.Scalar<int8_t>(options, 0, 0);
      break;
    case kOpResizeBilinear:  // fields 0 and 1 are deprecated sizes
      out->align_corners = r.Scalar<int8_t>(options, 2, 0) != 0;
      out->half_pixel_centers = r.Scalar<int8_t>(options, 3, 0) != 0;
      break;
    default:
      break;
  }
}

absl::Status Malformed(const std::string& what) {
  return absl::InvalidArgumentError("malformed TensorFlow Lite model: " + what);
}

}  // namespace

int64_t ElementCount(const std::vector<int32_t>& shape) {
  int64_t count = 1;
  for (int32_t d : shape) {
    if (d < 0) return 0;
    count *= d;
    if (count > kMaxTensorElements) return 0;
  }
  return count;
}

absl::StatusOr<TfliteModel> ReadTfliteModel(Bytes file) {
  if (file.size() < 8 || file.AsString().substr(4, 4) != "TFL3") {
    return Malformed("not a .tflite file (no TFL3 identifier)");
  }
  FlatReader r(file);
  Table model;
  size_t root = 0;
  if (!r.Deref(0, &root) || !r.TableAt(root, &model))
    return Malformed(r.error());

  // Builtin code of each operator code (the larger of the two fields: newer
  // files keep the deprecated byte for codes below 127).
  Vector codes;
  if (!r.VectorField(model, kModelOperatorCodes, 4, &codes))
    return Malformed(r.error());
  if (codes.length > kMaxOperators) return Malformed("too many operator codes");
  std::vector<int32_t> builtin_of_code(codes.length);
  for (uint32_t i = 0; i < codes.length; ++i) {
    Table code;
    if (!r.TableElement(codes, i, &code)) return Malformed(r.error());
    const int32_t old_code = r.Scalar<int8_t>(code, kCodeDeprecatedBuiltin, 0);
    const int32_t new_code = r.Scalar<int32_t>(code, kCodeBuiltin, 0);
    builtin_of_code[i] = std::max(old_code, new_code);
  }

  Vector buffers;
  if (!r.VectorField(model, kModelBuffers, 4, &buffers))
    return Malformed(r.error());

  Vector subgraphs;
  Table subgraph;
  if (!r.VectorField(model, kModelSubgraphs, 4, &subgraphs))
    return Malformed(r.error());
  if (subgraphs.length == 0) return Malformed("no subgraph");
  if (!r.TableElement(subgraphs, 0, &subgraph)) return Malformed(r.error());

  TfliteModel out;
  Vector tensors;
  if (!r.VectorField(subgraph, kSgTensors, 4, &tensors))
    return Malformed(r.error());
  if (tensors.length > kMaxTensors) return Malformed("too many tensors");
  out.tensors.resize(tensors.length);
  for (uint32_t i = 0; i < tensors.length; ++i) {
    Table t;
    TfliteTensor& tensor = out.tensors[i];
    if (!r.TableElement(tensors, i, &t) ||
        !r.IntVector(t, kTensorShape, kMaxRank, &tensor.shape)) {
      return Malformed(r.error());
    }
    tensor.type = r.Scalar<int8_t>(t, kTensorType, 0);
    tensor.name = r.String(t, kTensorName);
    const uint32_t buffer = r.Scalar<uint32_t>(t, kTensorBuffer, 0);
    if (buffer != 0) {  // buffer 0 is the empty sentinel
      Table b;
      Vector data;
      if (buffer >= buffers.length)
        return Malformed("tensor buffer index out of range");
      if (!r.TableElement(buffers, buffer, &b) ||
          !r.VectorField(b, kBufferData, 1, &data)) {
        return Malformed(r.error());
      }
      tensor.data = r.Slice(data);
    }
    if (!r.error().empty()) return Malformed(r.error());
    if (ElementCount(tensor.shape) == 0 && !tensor.shape.empty()) {
      return Malformed("tensor " + std::to_string(i) + " has an invalid shape");
    }
  }

  const auto check_indices = [&out](const std::vector<int32_t>& indices,
                                    bool optional) {
    for (int32_t index : indices) {
      if (optional && index == -1) continue;
      if (index < 0 || static_cast<size_t>(index) >= out.tensors.size())
        return false;
    }
    return true;
  };
  if (!r.IntVector(subgraph, kSgInputs, kMaxTensors, &out.inputs) ||
      !r.IntVector(subgraph, kSgOutputs, kMaxTensors, &out.outputs)) {
    return Malformed(r.error());
  }
  if (!check_indices(out.inputs, false) || !check_indices(out.outputs, false)) {
    return Malformed("subgraph input or output index out of range");
  }

  Vector ops;
  if (!r.VectorField(subgraph, kSgOperators, 4, &ops))
    return Malformed(r.error());
  if (ops.length > kMaxOperators) return Malformed("too many operators");
  out.operators.resize(ops.length);
  for (uint32_t i = 0; i < ops.length; ++i) {
    Table o;
    TfliteOperator& op = out.operators[i];
    if (!r.TableElement(ops, i, &o) ||
        !r.IntVector(o, kOpInputs, kMaxTensors, &op.inputs) ||
        !r.IntVector(o, kOpOutputs, kMaxTensors, &op.outputs)) {
      return Malformed(r.error());
    }
    const uint32_t code = r.Scalar<uint32_t>(o, kOpOpcodeIndex, 0);
    if (code >= builtin_of_code.size())
      return Malformed("operator code out of range");
    op.builtin = builtin_of_code[code];
    Table options;
    if (r.SubTable(o, kOpBuiltinOptions, &options)) {
      ReadOptions(r, options, op.builtin, &op.options);
    }
    if (!r.error().empty()) return Malformed(r.error());
    if (!check_indices(op.inputs, true) || !check_indices(op.outputs, false)) {
      return Malformed("operator " + std::to_string(i) +
                       " names a missing tensor");
    }
  }
  return out;
}

bool WindowOutputSize(Padding padding, int in, int kernel, int stride,
                      int dilation, int* out, int* pad_before) {
  if (kernel <= 0 || stride <= 0 || dilation <= 0 || kernel > 64 ||
      dilation > 64) {
    return false;
  }
  const int effective = (kernel - 1) * dilation + 1;
  if (padding == Padding::kSame) {
    *out = (in + stride - 1) / stride;
    *pad_before = std::max((*out - 1) * stride + effective - in, 0) / 2;
    return true;
  }
  if (padding != Padding::kValid || in < effective) return false;
  *out = (in - effective) / stride + 1;
  *pad_before = 0;
  return true;
}

}  // namespace vigie::faces
