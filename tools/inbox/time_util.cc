#include "time_util.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace vigie::inbox {
namespace {

bool Digits(std::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) {
    return false;
  }
  int result = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    result = result * 10 + (text[i] - '0');
  }
  *value = result;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

const absl::TimeZone& Paris() {
  static const absl::TimeZone* const kParis = [] {
    auto* zone = new absl::TimeZone();
    if (!absl::LoadTimeZone("Europe/Paris", zone)) {
      std::fprintf(stderr,
                   "vigie inbox: warning: no tzdata for Europe/Paris; dates "
                   "are shown in UTC\n");
    }
    return zone;
  }();
  return *kParis;
}

bool ParseDate(std::string_view text, int* year, int* month, int* day) {
  return text.size() >= 10 && Digits(text, 0, 4, year) && text[4] == '-' &&
         Digits(text, 5, 2, month) && text[7] == '-' &&
         Digits(text, 8, 2, day) && *year >= 1970 && *month >= 1 &&
         *month <= 12 && *day >= 1 && *day <= DaysInMonth(*year, *month);
}

}  // namespace

std::string FormatUtc(std::chrono::system_clock::time_point time) {
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          time.time_since_epoch())
                          .count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                         tm.tm_hour, tm.tm_min, tm.tm_sec,
                         static_cast<int>(millis % 1000));
}

std::string NowUtc() { return FormatUtc(std::chrono::system_clock::now()); }

bool IsIsoDate(std::string_view text) {
  int year = 0, month = 0, day = 0;
  return text.size() == 10 && ParseDate(text, &year, &month, &day);
}

std::optional<std::string> ParisMidnightUtc(std::string_view date,
                                            int days_later) {
  int year = 0, month = 0, day = 0;
  if (!IsIsoDate(date) || !ParseDate(date, &year, &month, &day)) {
    return std::nullopt;
  }
  const absl::CivilDay civil = absl::CivilDay(year, month, day) + days_later;
  return FormatUtc(absl::ToChronoTime(absl::FromCivil(civil, Paris())));
}

std::string ParisLocalTime(std::string_view stored) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, stored, &time, &error)) {
    return std::string(stored);
  }
  return absl::FormatTime("%Y-%m-%d %H:%M", time, Paris());
}

std::optional<std::string> NormalizeIso8601(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() > 40 || !ParseDate(text, &year, &month, &day) ||
      text.size() < 20 || (text[10] != 'T' && text[10] != 't') ||
      !Digits(text, 11, 2, &hour) || text[13] != ':' ||
      !Digits(text, 14, 2, &minute) || text[16] != ':' ||
      !Digits(text, 17, 2, &second) || hour > 23 || minute > 59 ||
      second > 59) {
    return std::nullopt;
  }
  size_t pos = 19;
  int millis = 0;
  if (text[pos] == '.') {
    ++pos;
    const size_t start = pos;
    int scale = 100;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      millis += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start || pos - start > 9) {
      return std::nullopt;
    }
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!Digits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() ||
        text[pos + 3] != ':' || !Digits(text, pos + 4, 2, &om) || oh > 23 ||
        om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) {
    return std::nullopt;
  }
  const int64_t epoch_seconds = DaysFromCivil(year, month, day) * 86400 +
                                int64_t{hour} * 3600 + int64_t{minute} * 60 +
                                second - int64_t{offset_minutes} * 60;
  return FormatUtc(std::chrono::system_clock::time_point(
      std::chrono::milliseconds(epoch_seconds * 1000 + millis)));
}

}  // namespace vigie::inbox
