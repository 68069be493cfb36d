// Turns the body of POST /api/v1/reports into a Report, or names the first
// field that is wrong. Every field is checked: presence, type, size, UTF-8
// (the JSON parser rejects invalid UTF-8), control characters, vocabulary.
#ifndef VIGIE_TOOLS_INBOX_REPORT_VALIDATION_H_
#define VIGIE_TOOLS_INBOX_REPORT_VALIDATION_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "model.h"

namespace vigie::inbox {

// Bodies larger than this are refused with 413 before parsing.
inline constexpr size_t kMaxReportBodyBytes = size_t{64} * 1024;

struct FieldError {
  std::string field;    // JSON member name; empty for the body as a whole.
  std::string message;  // French, shown to admins and logged by the extension.
};

// Returns true and fills `report`, or returns false and fills `error`.
bool ParseReport(std::string_view body, Report* report, FieldError* error);

// Unicode code points in valid UTF-8 `utf8` (what size limits count).
size_t CodePoints(std::string_view utf8);

// Whether `text` holds a control character (DEL included); `multiline`
// allows line breaks and tabs.
bool HasForbiddenControl(std::string_view text, bool multiline);

// Whether `text` is a UUID ("8-4-4-4-12" hex digits).
bool IsUuid(std::string_view text);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_REPORT_VALIDATION_H_
