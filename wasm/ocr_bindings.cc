// Embind side of core/image/ocr: words in (plain JS objects), findings out.
//
//   engine.textInImageFindings(words);           // {findings} | {error}
//   engine.textInImageFindings(words, context);  // context as for analyze()

#include "wasm/ocr_bindings.h"

#include <string>
#include <vector>

#include "core/image/ocr/text_in_image.h"
#include "nlohmann/json.hpp"
#include "wasm/js_values.h"

namespace vigie::ocr {

val TextInImageFindings(const Engine& engine, const AnalysisContext& context,
                        const val& words) {
  if (!words.isArray()) return js::Error("words: expected an array");
  if (words["length"].as<size_t>() > kMaxWords) {
    return js::Error("words: too many (at most " + std::to_string(kMaxWords) +
                     ")");
  }
  // One JSON round trip: the same reader (and errors) as the native hosts.
  static const val kJson = val::global("JSON");
  const nlohmann::json parsed = nlohmann::json::parse(
      kJson.call<std::string>("stringify", words), nullptr, false);
  if (parsed.is_discarded()) return js::Error("words: not JSON values");
  const absl::StatusOr<std::vector<Word>> read = WordsFromJson(parsed);
  if (!read.ok())
    return js::Error("words" + std::string(read.status().message()));
  nlohmann::json findings = nlohmann::json::array();
  for (const TextFinding& f : TextInImageFindings(engine, context, *read)) {
    findings.push_back(TextFindingToJson(f));
  }
  val out = val::object();
  out.set("findings", js::ToJs(findings));
  return out;
}

}  // namespace vigie::ocr
