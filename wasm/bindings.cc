// Embind bindings of the engine for the extension and the Node tests.
//
// Failure is data, never an exception (the module is built without them):
// an Engine whose pack is refused reports ok() == false and error().
//
//   const engine = new mod.Engine(packJson, "chu-nantes.json");
//   if (!engine.ok()) console.error(engine.error());
//   engine.analyze(text, {platform: "x", affiliated: false});  // findings[]

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>

#include "core/engine.h"
#include "core/finding_json.h"

namespace vigie {
namespace {

using emscripten::val;

std::string WellFormedUtf8(const val& js_text);

class WasmEngine {
 public:
  WasmEngine(const std::string& pack_json, const std::string& source_name) {
    absl::StatusOr<std::unique_ptr<Engine>> engine =
        Engine::Create(pack_json, source_name);
    if (engine.ok()) {
      engine_ = *std::move(engine);
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
  // Findings are built by the same serializer as the CLI's, so both hosts
  // return identical objects.
  val analyze(const val& js_text, const val& context) const {
    if (!ok()) return val::array();
    const std::string text = WellFormedUtf8(js_text);
    AnalysisContext analysis;
    if (context.isUndefined() || context.isNull()) {
      return Run(text, analysis);
    }
    const val platform = context["platform"];
    if (platform.isString()) {
      analysis.platform =
          PlatformFromName(platform.as<std::string>()).value_or(Platform::kAny);
    }
    analysis.affiliated = context["affiliated"].isTrue();
    return Run(text, analysis);
  }

 private:
  val Run(const std::string& text, const AnalysisContext& context) const {
    const std::string json =
        FindingsToJson(engine_->Analyze(text, context))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return val::global("JSON").call<val>("parse", json);
  }

  std::unique_ptr<Engine> engine_;
  std::string error_;
};

// A DOM string may hold lone surrogates; Embind's UTF-8 encoder would merge
// one with the next character. toWellFormed() turns each into U+FFFD, one
// UTF-16 unit like the original, so offsets stay exact.
std::string WellFormedUtf8(const val& js_text) {
  if (!js_text.isString()) return "";
  if (js_text["toWellFormed"].isUndefined()) return js_text.as<std::string>();
  return js_text.call<std::string>("toWellFormed");
}

std::string Version() { return std::string(EngineVersion()); }

}  // namespace
}  // namespace vigie

EMSCRIPTEN_BINDINGS(vigie) {
  emscripten::class_<vigie::WasmEngine>("Engine")
      .constructor<const std::string&, const std::string&>()
      .function("ok", &vigie::WasmEngine::ok)
      .function("error", &vigie::WasmEngine::error)
      .function("packInfo", &vigie::WasmEngine::packInfo)
      .function("analyze", &vigie::WasmEngine::analyze);
  emscripten::function("version", &vigie::Version);
}
