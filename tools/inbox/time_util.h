// Time stamps of the inbox: ISO 8601 UTC text with milliseconds, which sorts
// as a string ("2026-11-28T16:56:06.123Z").
#ifndef VIGIE_TOOLS_INBOX_TIME_UTIL_H_
#define VIGIE_TOOLS_INBOX_TIME_UTIL_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::inbox {

std::string FormatUtc(std::chrono::system_clock::time_point time);
std::string NowUtc();

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" and returns it in
// the stored form, converted to UTC. nullopt when malformed or impossible.
std::optional<std::string> NormalizeIso8601(std::string_view text);

// Whether `text` is a calendar date "YYYY-MM-DD".
bool IsIsoDate(std::string_view text);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_TIME_UTIL_H_
