// Face detection for the bindings: the face model is loaded once per wasm
// module (mod.loadFaceModel, face_bindings.cc); engines pass their own pack's
// rules (bindings.cc: engine.detectFaces).

#ifndef VIGIE_WASM_FACE_BINDINGS_H_
#define VIGIE_WASM_FACE_BINDINGS_H_

#include <emscripten/val.h>

#include "core/image/faces/blazeface.h"
#include "core/image/faces/face_findings.h"
#include "core/image/image_rules.h"
#include "nlohmann/json.hpp"

namespace vigie::faces {

using emscripten::val;

// Faces in `rgba` (ImageData.data, width x height): {faces, findings} with
// `rules` (their `faces` rules and threshold), {faces} without; {error} when
// no model is loaded or the pixels do not match the size.
val DetectFaces(const val& rgba, int width, int height,
                const image::ImageRules* rules);

}  // namespace vigie::faces

#endif  // VIGIE_WASM_FACE_BINDINGS_H_
