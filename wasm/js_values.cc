#include "wasm/js_values.h"

#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "core/engine.h"
#include "core/finding_json.h"
#include "core/finding_list.h"

using emscripten::EM_VAL;

// Encodes the JS string `text` into the `capacity` bytes at `out` and returns
// the bytes written; when they may not fit, returns -(room needed) and writes
// nothing; 0 for anything but a string. TextEncoder writes U+FFFD for lone
// surrogates.
EM_JS(int, vigie_encode_utf8, (EM_VAL text_handle, char* out, int capacity), {
  const text = Emval.toValue(text_handle);
  if (typeof text != 'string') return 0;
  // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
  if (3 * text.length > capacity) return -3 * text.length;
  if (!Module.vigieEncoder) Module.vigieEncoder = new TextEncoder();
  return Module.vigieEncoder
      .encodeInto(text, HEAPU8.subarray(out, out + capacity))
      .written;
});

// Writes into `out` the context's platform (UTF-8, at most `capacity` bytes)
// and returns its length (-1 when it is not a string), and sets flags[0] to
// 1 when affiliated === true, flags[1] to photoFaces as an int32 (0 when not
// a number).
EM_JS(int, vigie_read_context,
      (EM_VAL context_handle, char* out, int capacity, int* flags), {
        const context = Emval.toValue(context_handle);
        HEAP32[flags >> 2] = 0;
        HEAP32[(flags >> 2) + 1] = 0;
        if (context == null) return 0;  // null or undefined
        HEAP32[flags >> 2] = Object.is(context.affiliated, true) ? 1 : 0;
        const faces = context.photoFaces;
        if (typeof faces == 'number') HEAP32[(flags >> 2) + 1] = faces;
        const platform = context.platform;
        if (typeof platform != 'string') return -1;
        if (!Module.vigieEncoder) Module.vigieEncoder = new TextEncoder();
        return Module.vigieEncoder
            .encodeInto(platform, HEAPU8.subarray(out, out + capacity))
            .written;
      });

// Builds the findings of one call: `count` rows of 5 numbers at `rows`
// ([shape index, start, end, score in hundredths, why id]: a copy of
// shapes[index], keys in the shape's order, the very object JSON.parse makes
// of the finding's JSON) or [-1, i] for the i-th finding sent whole. When
// `extra_size` > 0, `extra` is the JSON of [[new whys], [whole findings]]:
// the whys get the next ids.
EM_JS(EM_VAL, vigie_findings_from_rows,
      (EM_VAL shapes_handle, EM_VAL whys_handle, const double* rows, int count,
       const char* extra, int extra_size),
      {
        const shapes = Emval.toValue(shapes_handle);
        const whys = Emval.toValue(whys_handle);
        let whole = [];
        if (extra_size > 0) {
          const sent = JSON.parse(UTF8ToString(extra, extra_size));
          for (const why of sent[0]) whys.push(why);
          whole = sent[1];
        }
        const out = [];
        for (let i = 0, at = rows >> 3; i < count; i++, at += 5) {
          const shape = HEAPF64[at];
          if (shape < 0) {
            out.push(whole[HEAPF64[at + 1]]);
            continue;
          }
          const finding = Object.assign({}, shapes[shape]);
          finding.start = HEAPF64[at + 1];
          finding.end = HEAPF64[at + 2];
          finding.score = HEAPF64[at + 3] / 100;
          finding.why = whys[HEAPF64[at + 4]];
          out.push(finding);
        }
        return Emval.toHandle(out);
      });

namespace vigie::js {
namespace {

// The whys sent once each: a pack's context words make a few hundred at most.
constexpr size_t kMaxWhys = 4096;

// Room for a platform name: longer strings are no platform.
constexpr int kPlatformRoom = 16;

// Views into the same text are equal without reading it (a finding's texts
// point into its rule's).
bool SameText(std::string_view a, std::string_view b) {
  return (a.data() == b.data() && a.size() == b.size()) || a == b;
}

bool SameRuleFields(const Finding& a, const Finding& b) {
  return SameText(a.rule, b.rule) && SameText(a.category, b.category) &&
         a.severity == b.severity && SameText(a.message, b.message) &&
         SameText(a.message_en, b.message_en) && SameText(a.guide, b.guide) &&
         SameText(a.guide_url, b.guide_url) &&
         SameText(a.suggestion, b.suggestion) &&
         SameText(a.suggestion_en, b.suggestion_en);
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

std::string_view Utf8Text(const val& text, std::vector<char>* buffer) {
  if (buffer->empty()) buffer->resize(1024);
  int written = vigie_encode_utf8(text.as_handle(), buffer->data(),
                                  static_cast<int>(buffer->size()));
  if (written < 0) {
    buffer->resize(static_cast<size_t>(-written));
    written = vigie_encode_utf8(text.as_handle(), buffer->data(),
                                static_cast<int>(buffer->size()));
  }
  return std::string_view(buffer->data(), static_cast<size_t>(written));
}

AnalysisContext ReadContext(const val& context) {
  char platform[kPlatformRoom];
  int flags[2];
  const int platform_size =
      vigie_read_context(context.as_handle(), platform, kPlatformRoom, flags);
  AnalysisContext analysis;
  if (platform_size >= 0) {
    analysis.platform =
        PlatformFromName(
            std::string_view(platform, static_cast<size_t>(platform_size)))
            .value_or(Platform::kAny);
  }
  analysis.affiliated = flags[0] != 0;
  analysis.photo_faces = std::max(0, flags[1]);
  return analysis;
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
  return SameRuleFields(shapes_[static_cast<size_t>(shape->second)], finding)
             ? shape->second
             : -1;
}

int FindingsConverter::WhyId(const std::string& why, std::string* new_whys) {
  const auto known = why_ids_.find(why);
  if (known != why_ids_.end()) return known->second;
  if (why_ids_.size() >= kMaxWhys) return -1;
  const int id = static_cast<int>(why_ids_.size());
  why_ids_.emplace(why, id);
  new_whys->push_back(new_whys->empty() ? '[' : ',');
  AppendJsonString(why, new_whys);
  return id;
}

val FindingsConverter::ToJs(const std::vector<Finding>& findings) {
  rows_.clear();
  std::string new_whys;  // JSON: "[...", empty when none is new
  std::string whole;     // JSON: "[...", empty when none is sent whole
  int whole_count = 0;
  for (const Finding& finding : findings) {
    const int shape = ShapeOf(finding);
    const int why = shape < 0 ? -1 : WhyId(finding.why, &new_whys);
    if (why < 0) {
      whole.push_back(whole.empty() ? '[' : ',');
      AppendFindingJson(finding, &whole);
      rows_.insert(rows_.end(),
                   {-1.0, static_cast<double>(whole_count++), 0, 0, 0});
      continue;
    }
    rows_.insert(
        rows_.end(),
        {static_cast<double>(shape), static_cast<double>(finding.start),
         static_cast<double>(finding.end),
         static_cast<double>(std::lround(finding.score * 100)),
         static_cast<double>(why)});
  }
  std::string extra;
  if (!new_whys.empty() || !whole.empty()) {
    extra = absl::StrCat("[", new_whys.empty() ? "[" : new_whys, "],",
                         whole.empty() ? "[" : whole, "]]");
  }
  return val::take_ownership(
      vigie_findings_from_rows(js_shapes_.as_handle(), js_whys_.as_handle(),
                               rows_.data(), static_cast<int>(findings.size()),
                               extra.data(), static_cast<int>(extra.size())));
}

std::string CopyBytes(const val& bytes) {
  std::string out(bytes["length"].as<size_t>(), '\0');
  val(emscripten::typed_memory_view(out.size(),
                                    reinterpret_cast<uint8_t*>(out.data())))
      .call<void>("set", bytes);
  return out;
}

}  // namespace vigie::js
