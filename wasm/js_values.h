// Values crossing the wasm boundary, shared by the engine's and the face
// detector's bindings. Failure is data: {error: "..."}, never an exception.

#ifndef VIGIE_WASM_JS_VALUES_H_
#define VIGIE_WASM_JS_VALUES_H_

#include <emscripten/val.h>

#include <string>
#include <string_view>

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

// Copies a Uint8Array (or Uint8ClampedArray) into the wasm heap in one call.
std::string CopyBytes(const val& bytes);

}  // namespace vigie::js

#endif  // VIGIE_WASM_JS_VALUES_H_
