// Values crossing the wasm boundary, shared by the engine's and the face
// detector's bindings. Failure is data: {error: "..."}, never an exception.

#ifndef VIGIE_WASM_JS_VALUES_H_
#define VIGIE_WASM_JS_VALUES_H_

#include <emscripten/val.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.h"
#include "core/pack.h"
#include "nlohmann/json.hpp"

namespace vigie::js {

using emscripten::val;

// {error: message}.
val Error(std::string_view message);

// Parses JSON text into JS values. TextDecoder reads the UTF-8 straight from
// the wasm heap: Embind's own string conversion walks it byte by byte in
// JS, which cost more than the analysis itself on long posts.
val ParseJson(const std::string& text);

// The same for a JSON tree (written by the serializers the CLI uses, so
// both hosts return identical objects).
val ToJs(const nlohmann::json& json);

// The UTF-8 of a JS string ("" for anything else), written by TextEncoder
// straight into the wasm heap. A DOM string may hold lone surrogates: each
// becomes U+FFFD, one UTF-16 unit like the original, so offsets stay exact.
std::string Utf8Text(const val& text);

// Turns an engine's findings into the plain objects JSON.parse(FindingsJson())
// gives. A finding carries about 600 bytes of its rule's texts: they cross
// the boundary once, when the converter is made; each call then sends only
// the offsets, score and why, and JS copies the rule's object.
class FindingsConverter {
 public:
  // `pack` (the engine's) must outlive the converter.
  explicit FindingsConverter(const Pack& pack);

  val ToJs(const std::vector<Finding>& findings) const;

 private:
  // The index of the rule object `finding` copies, -1 if none fits (it is
  // then sent whole).
  int ShapeOf(const Finding& finding) const;

  std::vector<Finding> shapes_;  // each rule's finding, then the cap notice
  std::unordered_map<std::string_view, int> shape_of_rule_;
  val js_shapes_ = val::null();  // the same, as JS objects
};

// Copies a Uint8Array (or Uint8ClampedArray) into the wasm heap in one call.
std::string CopyBytes(const val& bytes);

}  // namespace vigie::js

#endif  // VIGIE_WASM_JS_VALUES_H_
