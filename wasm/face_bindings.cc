// Embind bindings of the face detector (core/image/faces), beside the
// engine's: the model is loaded once from bytes the extension ships; each
// engine then finds faces with its own pack's `faces` rules. Failure is data.
//
//   mod.loadFaceModel(modelBytes);              // {inputSize} | {error}
//   engine.detectFaces(rgba, width, height);    // {faces, findings} | {error}
//   mod.detectFaces(rgba, width, height);       // {faces} | {error}
//
// rgba: ImageData.data of the picture. `faces`: [{x, y, w, h, score}] in
// picture pixels. mod.detectFaces (benchmarks, tools) has no pack: it keeps
// faces above MediaPipe's default threshold for the model.

#include "wasm/face_bindings.h"

#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "wasm/js_values.h"

namespace vigie::faces {
namespace {

using js::CopyBytes;
using js::Error;

std::unique_ptr<FaceDetector>& Detector() {
  static std::unique_ptr<FaceDetector> detector;
  return detector;
}

val LoadFaceModel(const val& model_bytes) {
  Detector().reset();
  const std::string model = CopyBytes(model_bytes);
  auto detector = FaceDetector::Create(image::Bytes(model));
  if (!detector.ok()) return Error(detector.status().message());
  Detector() = *std::move(detector);
  val out = val::object();
  out.set("inputSize", Detector()->input_size());
  return out;
}

val DetectFacesWithoutRules(const val& rgba, int width, int height) {
  return DetectFaces(rgba, width, height, nullptr);
}

}  // namespace

val DetectFaces(const val& rgba, int width, int height,
                const image::ImageRules* rules) {
  FaceDetector* detector = Detector().get();
  if (detector == nullptr) {
    return Error("no face model: call loadFaceModel first");
  }
  const std::string pixels = CopyBytes(rgba);
  FaceOptions options;
  if (rules != nullptr) {
    options.min_score = static_cast<float>(LowestFaceMinScore(*rules));
  }
  const absl::StatusOr<std::vector<Face>> faces =
      detector->Detect(image::Bytes(pixels), width, height, options);
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
  val out = val::object();
  out.set("faces", list);
  if (rules == nullptr) return out;
  nlohmann::json findings = nlohmann::json::array();
  for (const FaceFinding& f : FaceFindings(*rules, *faces)) {
    findings.push_back(FaceFindingToJson(f));
  }
  out.set("findings", js::ToJs(findings));
  return out;
}

}  // namespace vigie::faces

EMSCRIPTEN_BINDINGS(vigie_faces) {
  emscripten::function("loadFaceModel", &vigie::faces::LoadFaceModel);
  emscripten::function("detectFaces", &vigie::faces::DetectFacesWithoutRules);
}
