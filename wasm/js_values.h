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
// straight into `buffer`, which keeps its memory from one text to the next
// (the view points into it). One call into JS for a text that fits. A DOM
// string may hold lone surrogates: each becomes U+FFFD, one UTF-16 unit like
// the original, so offsets stay exact.
std::string_view Utf8Text(const val& text, std::vector<char>* buffer);

// {platform?, affiliated?, photoFaces?} read in one call into JS (a property
// read through Embind costs a call each). Unknown platforms read as any.
AnalysisContext ReadContext(const val& context);

// Turns an engine's findings into the plain objects JSON.parse(FindingsJson())
// gives. A finding carries about 600 bytes of its rule's texts: they cross
// the boundary once, when the converter is made; each call then sends only
// numbers (rule, offsets, score, why) through the wasm heap, and JS copies
// the rule's object. The texts of `why` are few (a pack's context words):
// each crosses once too, the first time it is seen.
class FindingsConverter {
 public:
  // `pack` (the engine's) must outlive the converter.
  explicit FindingsConverter(const Pack& pack);

  // Not thread-safe (it extends the table of whys): one converter per
  // engine, in a wasm module's single thread.
  val ToJs(const std::vector<Finding>& findings);

 private:
  // The index of the rule object `finding` copies, -1 if none fits (it is
  // then sent whole).
  int ShapeOf(const Finding& finding) const;
  // The index of `why` in js_whys_, adding it to `new_whys` (JSON) when it
  // is not there yet; -1 once the table is full.
  int WhyId(const std::string& why, std::string* new_whys);

  std::vector<Finding> shapes_;  // each rule's finding, then the cap notice
  std::unordered_map<std::string_view, int> shape_of_rule_;
  val js_shapes_ = val::null();  // the same, as JS objects
  std::unordered_map<std::string, int> why_ids_;
  val js_whys_ = val::array();  // by id
  std::vector<double> rows_;    // this call's, kept for its memory
};

// Copies a Uint8Array (or Uint8ClampedArray) into the wasm heap in one call.
std::string CopyBytes(const val& bytes);

}  // namespace vigie::js

#endif  // VIGIE_WASM_JS_VALUES_H_
