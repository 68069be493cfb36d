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

// The staff's days and clocks are Paris ones (Europe/Paris, from the system's
// tzdata).
// Midnight in Paris starting `days_later` days after the date "YYYY-MM-DD",
// in the stored form; nullopt when `date` is not a date.
std::optional<std::string> ParisMidnightUtc(std::string_view date,
                                            int days_later = 0);
// A stored time as Paris wall-clock time "YYYY-MM-DD HH:MM" (what
// spreadsheets read as a date); `stored` itself when it is malformed.
std::string ParisLocalTime(std::string_view stored);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_TIME_UTIL_H_
