#include "wasm/code_bindings.h"

#include <string>
#include <vector>

#include "core/image/codes/code_findings.h"
#include "nlohmann/json.hpp"
#include "wasm/js_values.h"

namespace vigie::codes {

val CodeFindingsFromJs(const val& codes, const image::ImageRules& rules,
                       const image::TextAnalyzer& analyzer) {
  static const val kArray = val::global("Array");
  static const val kJson = val::global("JSON");
  if (!kArray.call<bool>("isArray", codes)) {
    return js::Error("codes: expected an array of {format, text, x, y, w, h}");
  }
  // Codes are few and short: JSON is the simplest faithful crossing.
  const nlohmann::json parsed = nlohmann::json::parse(
      kJson.call<std::string>("stringify", codes), nullptr, false);
  if (parsed.is_discarded()) return js::Error("codes: not JSON-like values");
  absl::StatusOr<std::vector<DecodedCode>> decoded = CodesFromJson(parsed);
  if (!decoded.ok()) {
    return js::Error("codes" + std::string(decoded.status().message()));
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const CodeFinding& f : CodeFindings(rules, *decoded, analyzer)) {
    findings.push_back(CodeFindingToJson(f));
  }
  val out = val::object();
  out.set("findings", js::ToJs(findings));
  return out;
}

}  // namespace vigie::codes
