#include "core/image/codes/code_findings.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "absl/strings/str_replace.h"
#include "core/image/text_sanitize.h"
#include "re2/re2.h"

namespace vigie::codes {
namespace {

using nlohmann::json;

absl::Status Error(const std::string& pointer, std::string_view what) {
  return absl::InvalidArgumentError(pointer + ": " + std::string(what));
}

absl::Status ReadNumber(const json& code, const std::string& pointer,
                        const char* key, bool size, double* out) {
  const auto it = code.find(key);
  if (it == code.end()) {
    return Error(pointer + "/" + key, "missing required field");
  }
  if (!it->is_number() || !std::isfinite(it->get<double>())) {
    return Error(pointer + "/" + key, "expected a number");
  }
  *out = it->get<double>();
  if (size && *out < 0) return Error(pointer + "/" + key, "must be >= 0");
  return absl::OkStatus();
}

// The rule that claims a code of `format`: the first whose formats take it.
const image::ImageRule* RuleFor(const image::ImageRules& rules,
                                const std::string& format) {
  for (const image::ImageRule& rule : rules.rules) {
    if (rule.kind != image::ImageRuleKind::kCodes) continue;
    if (rule.formats.empty()) return &rule;
    for (const std::string& f : rule.formats) {
      if (SameFormat(f, format)) return &rule;
    }
  }
  return nullptr;
}

// `content` (sanitized) as quoted in a message: cut with "…" when long.
std::string Quoted(const std::string& raw, const std::string& content) {
  std::string quoted = image::SanitizeText(raw, kMaxQuotedBytes);
  if (quoted.size() < content.size()) quoted += "…";
  return quoted;
}

}  // namespace

absl::StatusOr<std::vector<DecodedCode>> CodesFromJson(const json& codes) {
  if (!codes.is_array()) return Error("", "expected an array of codes");
  if (codes.size() > kMaxCodes) {
    return Error("",
                 "too many codes (at most " + std::to_string(kMaxCodes) + ")");
  }
  std::vector<DecodedCode> out;
  for (size_t i = 0; i < codes.size(); ++i) {
    const json& code = codes[i];
    const std::string pointer = "/" + std::to_string(i);
    if (!code.is_object()) return Error(pointer, "expected an object");
    DecodedCode decoded;
    const auto format = code.find("format");
    if (format == code.end() || !format->is_string() ||
        format->get<std::string>().empty() ||
        format->get<std::string>().size() > kMaxFormatBytes) {
      return Error(pointer + "/format",
                   "expected the format's name (\"QRCode\", \"EAN-13\"...)");
    }
    decoded.format = format->get<std::string>();
    const auto text = code.find("text");
    if (text == code.end() || !text->is_string()) {
      return Error(pointer + "/text", "expected a string");
    }
    decoded.text = text->get<std::string>();
    if (decoded.text.size() > kMaxContentBytes) {
      return Error(
          pointer + "/text",
          "too long (at most " + std::to_string(kMaxContentBytes) + " bytes)");
    }
    const struct {
      const char* key;
      bool size;
      double* value;
    } numbers[] = {{"x", false, &decoded.x},
                   {"y", false, &decoded.y},
                   {"w", true, &decoded.w},
                   {"h", true, &decoded.h}};
    for (const auto& n : numbers) {
      if (absl::Status s = ReadNumber(code, pointer, n.key, n.size, n.value);
          !s.ok()) {
        return s;
      }
    }
    out.push_back(std::move(decoded));
  }
  return out;
}

std::vector<CodeFinding> CodeFindings(const image::ImageRules& rules,
                                      const std::vector<DecodedCode>& codes,
                                      const image::TextAnalyzer& analyzer) {
  std::vector<CodeFinding> out;
  for (const DecodedCode& code : codes) {
    const image::ImageRule* rule = RuleFor(rules, code.format);
    if (rule == nullptr) continue;
    const std::string content =
        image::SanitizeText(code.text, kMaxContentBytes);
    const std::string format = FormatDisplayName(code.format);
    const std::string quoted = Quoted(code.text, content);
    const auto fill = [&](const std::string& text) {
      return absl::StrReplaceAll(text,
                                 {{"{format}", format}, {"{content}", quoted}});
    };
    std::vector<image::ImageFinding> read;
    if (analyzer && !content.empty()) read = analyzer(content);
    bool identifier = rule->identifier_regex != nullptr &&
                      RE2::PartialMatch(content, *rule->identifier_regex);
    for (const image::ImageFinding& f : read) {
      identifier = identifier || f.severity == "critical";
    }

    CodeFinding own{image::ImageFinding(), code};
    image::ImageFinding& finding = own.finding;
    finding.rule = rule->id;
    finding.category = rule->category;
    finding.severity = identifier ? "critical" : rule->severity;
    const bool identifier_message =
        identifier && !rule->message_identifier.empty();
    finding.message =
        fill(identifier_message ? rule->message_identifier : rule->message);
    finding.message_en =
        fill(identifier_message && !rule->message_identifier_en.empty()
                 ? rule->message_identifier_en
                 : rule->message_en);
    finding.guide = rule->guide;
    finding.guide_url = rule->guide_url;
    finding.suggestion = fill(rule->suggestion);
    finding.suggestion_en = fill(rule->suggestion_en);
    finding.score = rule->score;
    finding.source = "code";
    out.push_back(std::move(own));

    const std::string prefix = fill(rule->prefix);
    const std::string prefix_en = fill(rule->prefix_en);
    for (image::ImageFinding& f : read) {
      f.message = prefix + f.message;
      f.message_en = prefix_en + f.message_en;
      f.source = "code";
      out.push_back(CodeFinding{std::move(f), code});
    }
  }
  return out;
}

json CodeFindingToJson(const CodeFinding& f) {
  json j = image::FindingToJson(f.finding);
  j["format"] = FormatDisplayName(f.code.format);
  j["regions"] = json::array({{{"x", std::lround(f.code.x)},
                               {"y", std::lround(f.code.y)},
                               {"w", std::lround(f.code.w)},
                               {"h", std::lround(f.code.h)}}});
  return j;
}

}  // namespace vigie::codes
