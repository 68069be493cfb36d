#include "core/finding_json.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace vigie {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Bytes JSON strings cannot hold as they are: controls, '"' and '\\'.
struct EscapeTable {
  bool needs[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) needs[c] = true;
    needs[static_cast<unsigned char>('"')] = true;
    needs[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr EscapeTable kEscape;

void AppendField(std::string_view key, std::string_view value,
                 std::string* out) {
  absl::StrAppend(out, ",\"", key, "\":");
  AppendJsonString(value, out);
}

void AppendOptionalField(std::string_view key, std::string_view value,
                         std::string* out) {
  if (!value.empty()) AppendField(key, value, out);
}

}  // namespace

// Hundredths, trailing zeros dropped, one decimal kept.
void AppendScoreJson(double score, std::string* out) {
  const long hundredths = std::lround(score * 100);
  absl::StrAppend(out, hundredths / 100, ".");
  const long fraction = hundredths % 100;
  if (fraction % 10 == 0) {
    absl::StrAppend(out, fraction / 10);
  } else {
    out->push_back(static_cast<char>('0' + fraction / 10));
    out->push_back(static_cast<char>('0' + fraction % 10));
  }
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  size_t plain_from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kEscape.needs[c]) continue;
    out->append(text, plain_from, i - plain_from);
    plain_from = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(text, plain_from, text.size() - plain_from);
  out->push_back('"');
}

void AppendFindingJson(const Finding& finding, std::string* out) {
  out->append("{\"rule\":");
  AppendJsonString(finding.rule, out);
  AppendField("category", finding.category, out);
  AppendField("severity", SeverityName(finding.severity), out);
  absl::StrAppend(out, ",\"start\":", finding.start, ",\"end\":", finding.end,
                  ",\"score\":");
  AppendScoreJson(finding.score, out);
  AppendField("why", finding.why, out);
  AppendField("message", finding.message, out);
  AppendOptionalField("message_en", finding.message_en, out);
  AppendField("guide", finding.guide, out);
  AppendOptionalField("guide_url", finding.guide_url, out);
  AppendOptionalField("suggestion", finding.suggestion, out);
  AppendOptionalField("suggestion_en", finding.suggestion_en, out);
  out->push_back('}');
}

std::string FindingsJson(const std::vector<Finding>& findings) {
  std::string out = "[";
  for (const Finding& finding : findings) {
    if (out.size() > 1) out.push_back(',');
    AppendFindingJson(finding, &out);
  }
  out.push_back(']');
  return out;
}

}  // namespace vigie
