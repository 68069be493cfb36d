// Embind bindings of the face detector (core/image/faces), beside the
// engine's: the model is loaded once from bytes the extension ships, then
// each photo's RGBA pixels (ImageData.data) are analysed. Failure is data.
//
//   mod.loadFaceModel(modelBytes, packJson);   // {inputSize} | {error}
//   mod.detectFaces(rgba, width, height);      // {faces, findings} | {error}
//
// packJson (the pack, or only its "image" section) may be null. `faces`: [{x,
// y, w, h, score}] in picture pixels. With a pack, `findings` are its `faces`
// image rules' findings (as `vigie image` prints them) and the threshold is
// their min_score; without one, MediaPipe's default for the model.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "core/image/faces/blazeface.h"
#include "core/image/faces/face_findings.h"
#include "core/image/image_rules.h"
#include "nlohmann/json.hpp"

namespace vigie::faces {
namespace {

using emscripten::val;

// The loaded model and pack rules: one per module instance.
struct FaceState {
  std::unique_ptr<FaceDetector> detector;
  image::ImageRules rules;
  bool has_rules = false;
};
FaceState& State() {
  static FaceState state;
  return state;
}

val Error(std::string_view message) {
  val out = val::object();
  out.set("error", std::string(message));
  return out;
}

// Copies a Uint8Array (or Uint8ClampedArray) into the wasm heap in one call.
std::vector<uint8_t> CopyBytes(const val& bytes) {
  std::vector<uint8_t> out(bytes["length"].as<size_t>());
  val(emscripten::typed_memory_view(out.size(), out.data()))
      .call<void>("set", bytes);
  return out;
}

val LoadFaceModel(const val& model_bytes, const val& pack_json) {
  FaceState& state = State();
  state.detector.reset();
  state.has_rules = false;
  if (pack_json.isString()) {
    const nlohmann::json pack =
        nlohmann::json::parse(pack_json.as<std::string>(), nullptr, false);
    if (!pack.is_object()) return Error("pack: not a JSON object");
    // The whole pack, or only its image section (cheaper to parse).
    const nlohmann::json& section =
        pack.contains("image") ? pack["image"] : pack;
    absl::StatusOr<image::ImageRules> rules =
        image::ParseImageSection(section, "/image");
    if (!rules.ok()) return Error(rules.status().message());
    state.rules = *std::move(rules);
    state.has_rules = true;
  }
  const std::vector<uint8_t> model = CopyBytes(model_bytes);
  auto detector =
      FaceDetector::Create(image::Bytes(model.data(), model.size()));
  if (!detector.ok()) return Error(detector.status().message());
  state.detector = *std::move(detector);
  val out = val::object();
  out.set("inputSize", state.detector->input_size());
  return out;
}

val DetectFaces(const val& rgba, int width, int height) {
  FaceState& state = State();
  if (state.detector == nullptr)
    return Error("no face model: call loadFaceModel first");
  const std::vector<uint8_t> pixels = CopyBytes(rgba);
  FaceOptions options;
  if (state.has_rules)
    options.min_score = static_cast<float>(LowestFaceMinScore(state.rules));
  const absl::StatusOr<std::vector<Face>> faces = state.detector->Detect(
      image::Bytes(pixels.data(), pixels.size()), width, height, options);
  if (!faces.ok()) return Error(faces.status().message());
  val list = val::array();
  for (const Face& f : *faces) {
    val face = val::object();
    face.set("x", f.x);
    face.set("y", f.y);
    face.set("w", f.width);
    face.set("h", f.height);
    face.set("score", f.score);
    list.call<void>("push", face);
  }
  nlohmann::json findings = nlohmann::json::array();
  if (state.has_rules) {
    for (const FaceFinding& f : FaceFindings(state.rules, *faces)) {
      findings.push_back(FaceFindingToJson(f));
    }
  }
  val out = val::object();
  out.set("faces", list);
  out.set(
      "findings",
      val::global("JSON").call<val>(
          "parse", findings.dump(-1, ' ', false,
                                 nlohmann::json::error_handler_t::replace)));
  return out;
}

}  // namespace
}  // namespace vigie::faces

EMSCRIPTEN_BINDINGS(vigie_faces) {
  emscripten::function("loadFaceModel", &vigie::faces::LoadFaceModel);
  emscripten::function("detectFaces", &vigie::faces::DetectFaces);
}
