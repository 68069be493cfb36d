#include "tools/cli/pack_expiry.h"

#include <ctime>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace vigie::cli {

std::string LocalToday() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char day[11];
  std::strftime(day, sizeof day, "%Y-%m-%d", &local);
  return day;
}

absl::Status CheckNotExpired(const PackInfo& info, std::string_view path,
                             std::string_view today) {
  // Both are YYYY-MM-DD (the pack validator checks "expires"): their text
  // order is their date order, as in the browsers' check.
  if (info.expires >= today) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      path, ": /expires: the pack expired on ", info.expires, " (today ", today,
      "); browsers refuse it: set \"issued\" and \"expires\" in ",
      "pack.json, then rebuild"));
}

std::optional<std::string> ExpiryWarning(const PackInfo& info,
                                         std::string_view path,
                                         std::string_view today) {
  absl::CivilDay expires;
  absl::CivilDay now;
  if (!absl::ParseCivilTime(info.expires, &expires) ||
      !absl::ParseCivilTime(today, &now)) {
    return std::nullopt;
  }
  const absl::civil_diff_t days = expires - now;
  if (days < 0 || days >= kExpiryWarningDays) return std::nullopt;
  return absl::StrCat(path, ": /expires: the pack expires on ", info.expires,
                      ", in ", days, " day(s); browsers refuse it from the ",
                      "day after: publish one with a later \"expires\" before");
}

}  // namespace vigie::cli
