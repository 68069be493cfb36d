#include "sign_in_throttle.h"

#include <algorithm>

namespace vigie::inbox {

std::chrono::seconds SignInThrottle::Wait(const Entry& entry,
                                          Clock::time_point now) const {
  if (entry.blocked_until <= now) {
    return std::chrono::seconds(0);
  }
  return std::chrono::ceil<std::chrono::seconds>(entry.blocked_until - now);
}

void SignInThrottle::Fail(Entry& entry, Clock::time_point now,
                          int free_failures) {
  ++entry.failures;
  entry.last_failure = now;
  const int excess = entry.failures - free_failures;
  if (excess >= 0) {
    // 1, 2, 4, 8... times the base delay, capped.
    auto delay = options_.base_delay * (int64_t{1} << std::min(excess, 10));
    delay = std::min<std::chrono::seconds>(delay, options_.max_delay);
    entry.blocked_until = now + delay;
  }
}

void SignInThrottle::Forget(Clock::time_point now) {
  for (auto* table : {&accounts_, &addresses_}) {
    for (auto it = table->begin(); it != table->end();) {
      if (now - it->second.last_failure > options_.forget_after &&
          it->second.blocked_until <= now) {
        it = table->erase(it);
      } else {
        ++it;
      }
    }
  }
}

std::chrono::seconds SignInThrottle::RetryAfter(std::string_view account,
                                                std::string_view address,
                                                Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::chrono::seconds wait(0);
  if (auto it = accounts_.find(account); it != accounts_.end()) {
    wait = std::max(wait, Wait(it->second, now));
  }
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    wait = std::max(wait, Wait(it->second, now));
  }
  return wait;
}

void SignInThrottle::RecordFailure(std::string_view account,
                                   std::string_view address,
                                   Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (accounts_.size() + addresses_.size() > 100000) {
    Forget(now);
  }
  Fail(accounts_[std::string(account)], now, options_.free_failures);
  // An address gets more room than an account: colleagues share a proxy.
  Fail(addresses_[std::string(address)], now, options_.free_failures * 4);
}

void SignInThrottle::RecordSuccess(std::string_view account,
                                   std::string_view /*address*/) {
  std::lock_guard<std::mutex> lock(mutex_);
  accounts_.erase(std::string(account));
}

}  // namespace vigie::inbox
