#include "wasm/js_values.h"

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <cstdint>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "core/engine.h"
#include "core/finding_json.h"
#include "core/finding_list.h"

using emscripten::EM_VAL;

// Encodes the JS string `text` into the `capacity` bytes at `out`; returns the
// bytes written. TextEncoder writes U+FFFD for lone surrogates.
EM_JS(size_t, vigie_encode_utf8, (EM_VAL text, char* out, size_t capacity), {
  if (!Module.vigieEncoder) Module.vigieEncoder = new TextEncoder();
  return Module.vigieEncoder
      .encodeInto(Emval.toValue(text), HEAPU8.subarray(out, out + capacity))
      .written;
});

// Parses the `size` bytes of JSON at `json`: an array whose items are
// [shape index, start, end, score, why] rows or whole findings; each row
// becomes a copy of shapes[index] with those four fields set. The copy keeps
// the shape's key order: the very object JSON.parse makes of the finding's
// JSON.
EM_JS(EM_VAL, vigie_findings_from_rows,
      (EM_VAL shapes_handle, const char* json, size_t size), {
        const shapes = Emval.toValue(shapes_handle);
        const rows = JSON.parse(UTF8ToString(json, size));
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (!Array.isArray(row)) continue;
          const finding = Object.assign({}, shapes[row[0]]);
          finding.start = row[1];
          finding.end = row[2];
          finding.score = row[3];
          finding.why = row[4];
          rows[i] = finding;
        }
        return Emval.toHandle(rows);
      });

namespace vigie::js {
namespace {

// What a finding takes from its rule.
auto RuleFields(const Finding& f) {
  return std::tie(f.rule, f.category, f.severity, f.message, f.message_en,
                  f.guide, f.guide_url, f.suggestion, f.suggestion_en);
}

}  // namespace

val Error(std::string_view message) {
  val out = val::object();
  out.set("error", std::string(message));
  return out;
}

val ParseJson(const std::string& text) {
  static const val kJson = val::global("JSON");
  static const val kDecoder = val::global("TextDecoder").new_();
  const val utf8(emscripten::typed_memory_view(
      text.size(), reinterpret_cast<const uint8_t*>(text.data())));
  return kJson.call<val>("parse", kDecoder.call<val>("decode", utf8));
}

val ToJs(const nlohmann::json& json) {
  return ParseJson(
      json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string Utf8Text(const val& text) {
  if (!text.isString()) return "";
  // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
  static const val kLength("length");
  std::string out(3 * text[kLength].as<size_t>(), '\0');
  out.resize(vigie_encode_utf8(text.as_handle(), out.data(), out.size()));
  return out;
}

FindingsConverter::FindingsConverter(const Pack& pack) {
  for (const Rule& rule : pack.rules) shapes_.push_back(RuleFinding(rule));
  shapes_.push_back(TruncationNotice(pack, "", 0));
  std::string json = "[";
  for (size_t i = 0; i < shapes_.size(); ++i) {
    // The first of two rules with one id (refused by the pack parser) wins;
    // ShapeOf() checks the texts anyway.
    shape_of_rule_.emplace(shapes_[i].rule, static_cast<int>(i));
    if (i > 0) json.push_back(',');
    AppendFindingJson(shapes_[i], &json);
  }
  json.push_back(']');
  js_shapes_ = ParseJson(json);
}

int FindingsConverter::ShapeOf(const Finding& finding) const {
  const auto shape = shape_of_rule_.find(finding.rule);
  if (shape == shape_of_rule_.end()) return -1;
  return RuleFields(shapes_[static_cast<size_t>(shape->second)]) ==
                 RuleFields(finding)
             ? shape->second
             : -1;
}

val FindingsConverter::ToJs(const std::vector<Finding>& findings) const {
  if (findings.empty()) return val::array();
  std::string json = "[";
  for (const Finding& finding : findings) {
    if (json.size() > 1) json.push_back(',');
    const int shape = ShapeOf(finding);
    if (shape < 0) {
      AppendFindingJson(finding, &json);
      continue;
    }
    absl::StrAppend(&json, "[", shape, ",", finding.start, ",", finding.end,
                    ",");
    AppendScoreJson(finding.score, &json);
    json.push_back(',');
    AppendJsonString(finding.why, &json);
    json.push_back(']');
  }
  json.push_back(']');
  return val::take_ownership(vigie_findings_from_rows(
      js_shapes_.as_handle(), json.data(), json.size()));
}

std::string CopyBytes(const val& bytes) {
  std::string out(bytes["length"].as<size_t>(), '\0');
  val(emscripten::typed_memory_view(out.size(),
                                    reinterpret_cast<uint8_t*>(out.data())))
      .call<void>("set", bytes);
  return out;
}

}  // namespace vigie::js
