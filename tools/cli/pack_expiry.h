// A pack's expiry date as browsers apply it: from the day after "expires"
// (their local date), every browser refuses the pack, and a published pack
// that has expired reaches nobody.

#ifndef VIGIE_TOOLS_CLI_PACK_EXPIRY_H_
#define VIGIE_TOOLS_CLI_PACK_EXPIRY_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "core/pack.h"

namespace vigie::cli {

// Browsers should get a pack this many days before the one they run expires.
inline constexpr int kExpiryWarningDays = 30;

// This machine's local date, "YYYY-MM-DD", as a browser's today().
std::string LocalToday();

// An error naming `path` and /expires when the pack has expired by `today`.
absl::Status CheckNotExpired(const PackInfo& info, std::string_view path,
                             std::string_view today);

// A warning when the pack expires within kExpiryWarningDays of `today`.
std::optional<std::string> ExpiryWarning(const PackInfo& info,
                                         std::string_view path,
                                         std::string_view today);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_PACK_EXPIRY_H_
