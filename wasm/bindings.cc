// Embind bindings of the engine for the extension and the Node tests.
//
// Failure is data, never an exception (the module is built without them):
// an Engine whose pack is refused reports ok() == false and error().
//
//   const engine = new mod.Engine(packJson, "chu-nantes.json");
//   if (!engine.ok()) console.error(engine.error());
//   engine.analyze(text, {platform: "x", affiliated: false});  // findings[]
//   engine.analyzeImage(uint8Array, context);  // {findings, metadata} |
//   {error} engine.detectFaces(rgba, width, height);   // {faces, findings} |
//   {error} engine.stripImage(uint8Array);             // {bytes} | {error}
//   engine.codeFindings(codes, context?);  // {findings} | {error}

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/image/engine_text_analyzer.h"
#include "core/image/image_analysis.h"
#include "core/image/image_metadata.h"
#include "wasm/code_bindings.h"
#include "wasm/face_bindings.h"
#include "wasm/js_values.h"
#include "wasm/ocr_bindings.h"

namespace vigie {
namespace {

using emscripten::val;
using js::CopyBytes;
using js::Error;
using js::ReadContext;
using js::ToJs;

class WasmEngine {
 public:
  WasmEngine(const std::string& pack_json, const std::string& source_name) {
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(pack_json, source_name);
    if (engine.ok()) {
      engine_ = *std::move(engine);
      findings_ = std::make_unique<js::FindingsConverter>(engine_->pack());
    } else {
      error_ = std::string(engine.status().message());
    }
  }

  bool ok() const { return engine_ != nullptr; }
  std::string error() const { return error_; }

  val packInfo() const {
    if (!ok()) return val::null();
    const PackInfo& info = engine_->pack().info;
    val out = val::object();
    out.set("id", info.id);
    out.set("version", static_cast<double>(info.version));
    out.set("issued", info.issued);
    out.set("expires", info.expires);
    out.set("locale", info.locale);
    out.set("rules", static_cast<double>(engine_->pack().rules.size()));
    return out;
  }

  // `context`: {platform?: "facebook"|"x"|"linkedin", affiliated?: bool}.
  val analyze(const val& js_text, const val& context) const {
    if (!ok()) return val::array();
    return findings_->ToJs(
        engine_->Analyze(js::Utf8Text(js_text, &utf8_), ReadContext(context)));
  }

  // The metadata of a photo (JPEG, PNG, WebP, HEIF/AVIF) and what in it
  // breaks the guide; names and captions go through the text rules.
  val analyzeImage(const val& bytes, const val& context) const {
    if (!ok()) return Error(error_);
    const std::string file = CopyBytes(bytes);
    const absl::StatusOr<image::ImageAnalysis> analysis = image::AnalyzeImage(
        image::Bytes(file), engine_->pack().image,
        image::EngineTextAnalyzer(*engine_, ReadContext(context)));
    if (!analysis.ok()) return Error(analysis.status().message());
    return ToJs(image::AnalysisToJson(*analysis));
  }

  // Faces in a photo's RGBA pixels (ImageData.data), with this engine's pack
  // `faces` rules; the model comes from mod.loadFaceModel.
  val detectFaces(const val& rgba, int width, int height) const {
    if (!ok()) return Error(error_);
    return faces::DetectFaces(rgba, width, height, &engine_->pack().image);
  }

  // Text an OCR read in a photo (words with boxes), through this engine's
  // text rules and its pack's `text` image rules (wasm/ocr_bindings.h).
  val textInImageFindings(const val& words, const val& context) const {
    if (!ok()) return Error(error_);
    return ocr::TextInImageFindings(*engine_, ReadContext(context), words);
  }

  // Barcodes and 2D codes decoded in a photo (zxing-wasm, beside the engine)
  // with this engine's pack `codes` rules; their content goes through the
  // text rules, in `context` when given.
  val codeFindings(const val& codes) const {
    return codeFindingsIn(codes, val::undefined());
  }
  val codeFindingsIn(const val& codes, const val& context) const {
    if (!ok()) return Error(error_);
    return codes::CodeFindingsFromJs(
        codes, engine_->pack().image,
        image::EngineTextAnalyzer(*engine_, ReadContext(context)));
  }

  // The same photo without its metadata, pixels untouched.
  val stripImage(const val& bytes) const {
    const std::string file = CopyBytes(bytes);
    const absl::StatusOr<std::string> clean =
        image::StripMetadata(image::Bytes(file));
    if (!clean.ok()) return Error(clean.status().message());
    val out = val::object();
    // slice() copies out of the wasm heap before `clean` goes away.
    out.set("bytes", val(emscripten::typed_memory_view(
                             clean->size(),
                             reinterpret_cast<const uint8_t*>(clean->data())))
                         .call<val>("slice"));
    return out;
  }

 private:
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<js::FindingsConverter> findings_;  // null when !ok()
  mutable std::vector<char> utf8_;  // the text analysed, memory kept
  std::string error_;
};

std::string Version() { return std::string(EngineVersion()); }

}  // namespace
}  // namespace vigie

EMSCRIPTEN_BINDINGS(vigie) {
  emscripten::class_<vigie::WasmEngine>("Engine")
      .constructor<const std::string&, const std::string&>()
      .function("ok", &vigie::WasmEngine::ok)
      .function("error", &vigie::WasmEngine::error)
      .function("packInfo", &vigie::WasmEngine::packInfo)
      .function("analyze", &vigie::WasmEngine::analyze)
      .function("analyzeImage", &vigie::WasmEngine::analyzeImage)
      .function("detectFaces", &vigie::WasmEngine::detectFaces)
      .function("codeFindings", &vigie::WasmEngine::codeFindings)
      .function("codeFindings", &vigie::WasmEngine::codeFindingsIn)
      .function("textInImageFindings", &vigie::WasmEngine::textInImageFindings)
      .function("textInImageFindings",  // words only: any platform
                emscripten::optional_override([](const vigie::WasmEngine& self,
                                                 const emscripten::val& w) {
                  return self.textInImageFindings(w,
                                                  emscripten::val::undefined());
                }))
      .function("stripImage", &vigie::WasmEngine::stripImage);
  emscripten::function("version", &vigie::Version);
}
