#include "report_validation.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "time_util.h"

namespace vigie::inbox {
namespace {

using nlohmann::json;

constexpr size_t kMaxNesting = 4;

struct StringRule {
  const char* field;
  bool required;
  size_t max_chars;  // Unicode code points.
  bool multiline;    // Allows \n, \r and \t.
};

constexpr StringRule kId{"id", true, 36, false};
constexpr StringRule kPlatform{"platform", true, 16, false};
constexpr StringRule kUrl{"url", true, 2048, false};
constexpr StringRule kAuthor{"author", true, 200, false};
constexpr StringRule kText{"text", true, 10000, true};
constexpr StringRule kReason{"reason", true, 32, false};
constexpr StringRule kNote{"note", false, 2000, true};
constexpr StringRule kReportedAt{"reported_at", true, 40, false};
constexpr StringRule kReporter{"reporter", false, 200, false};

// Depth of nested arrays/objects, without parsing: refuses deep bodies
// before the parser sees them.
size_t NestingDepth(std::string_view body) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

class Reader {
 public:
  Reader(const json& object, FieldError* error)
      : object_(object), error_(error) {}

  // False (with the error filled) when the field breaks `rule`. An absent
  // optional field (or null) leaves `out` empty and `present` false.
  bool String(const StringRule& rule, std::string* out,
              bool* present = nullptr) {
    if (present != nullptr) {
      *present = false;
    }
    auto it = object_.find(rule.field);
    if (it == object_.end() || (!rule.required && it->is_null())) {
      if (!rule.required) {
        return true;
      }
      return Fail(rule.field, "champ obligatoire absent");
    }
    if (!it->is_string()) {
      return Fail(rule.field, "doit être une chaîne de caractères");
    }
    const auto& value = it->get_ref<const std::string&>();
    if (CodePoints(value) > rule.max_chars) {
      return Fail(rule.field, absl::StrCat("trop long (", rule.max_chars,
                                           " caractères au plus)"));
    }
    if (HasForbiddenControl(value, rule.multiline)) {
      return Fail(rule.field, "contient des caractères de contrôle");
    }
    *out = value;
    if (present != nullptr) {
      *present = true;
    }
    return true;
  }

  bool Fail(const char* field, const std::string& message) {
    error_->field = field;
    error_->message = message;
    return false;
  }

 private:
  const json& object_;
  FieldError* error_;
};

bool IsAllowedUrl(std::string_view url) {
  if (url.size() <= 8 || url.substr(0, 8) != "https://") {
    return false;
  }
  return std::none_of(url.begin(), url.end(), [](char c) {
    return c == ' ' || c == '<' || c == '>' || c == '"' || c == '\\' ||
           c == '`';
  });
}

}  // namespace

size_t CodePoints(std::string_view utf8) {
  return static_cast<size_t>(std::count_if(
      utf8.begin(), utf8.end(),
      [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool HasForbiddenControl(std::string_view text, bool multiline) {
  return std::any_of(text.begin(), text.end(), [multiline](char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0x7F) {
      return true;
    }
    if (byte >= 0x20) {
      return false;
    }
    return !(multiline && (c == '\n' || c == '\r' || c == '\t'));
  });
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') {
        return false;
      }
    } else if (std::isxdigit(static_cast<unsigned char>(text[i])) == 0) {
      return false;
    }
  }
  return true;
}

bool ParseReport(std::string_view body, Report* report, FieldError* error) {
  *error = FieldError{};
  if (NestingDepth(body) > kMaxNesting) {
    error->message = "JSON trop imbriqué";
    return false;
  }
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    error->message = "corps JSON invalide (syntaxe ou UTF-8)";
    return false;
  }
  if (!parsed.is_object()) {
    error->message = "le corps doit être un objet JSON";
    return false;
  }
  static constexpr const char* kKnown[] = {"id",     "platform",    "url",
                                           "author", "text",        "reason",
                                           "note",   "reported_at", "reporter"};
  for (auto it = parsed.begin(); it != parsed.end(); ++it) {
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* k) {
          return it.key() == k;
        }) == std::end(kKnown)) {
      error->field = it.key().size() <= 64 ? it.key() : it.key().substr(0, 64);
      error->message = "champ inconnu";
      return false;
    }
  }
  Reader reader(parsed, error);
  Report out;
  std::string reported_at;
  bool has_reporter = false;
  std::string reporter;
  if (!reader.String(kId, &out.id)) {
    return false;
  }
  if (!IsUuid(out.id)) {
    return reader.Fail("id", "doit être un UUID");
  }
  out.id = absl::AsciiStrToLower(out.id);
  if (!reader.String(kPlatform, &out.platform)) {
    return false;
  }
  if (!IsPlatformId(out.platform)) {
    return reader.Fail("platform",
                       "plateforme inconnue (facebook, x, linkedin)");
  }
  if (!reader.String(kUrl, &out.url)) {
    return false;
  }
  if (!IsAllowedUrl(out.url)) {
    return reader.Fail("url", "doit être une adresse https:// sans espace");
  }
  if (!reader.String(kAuthor, &out.author)) {
    return false;
  }
  if (!reader.String(kText, &out.text)) {
    return false;
  }
  if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return reader.Fail("text", "ne doit pas être vide");
  }
  if (!reader.String(kReason, &out.reason)) {
    return false;
  }
  if (!IsReasonId(out.reason)) {
    return reader.Fail("reason",
                       "motif inconnu (une catégorie du guide ou « autre »)");
  }
  if (!reader.String(kNote, &out.note)) {
    return false;
  }
  if (!reader.String(kReportedAt, &reported_at)) {
    return false;
  }
  std::optional<std::string> normalized = NormalizeIso8601(reported_at);
  if (!normalized) {
    return reader.Fail("reported_at",
                       "date ISO 8601 attendue (2026-11-28T16:56:06Z)");
  }
  out.reported_at = *normalized;
  if (!reader.String(kReporter, &reporter, &has_reporter)) {
    return false;
  }
  if (has_reporter) {
    out.reporter = reporter;
  }
  *report = std::move(out);
  return true;
}

}  // namespace vigie::inbox
