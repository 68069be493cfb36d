// Slows down password guessing: after a few failed sign-ins for one account
// or from one address, further attempts are refused for a while, even with
// the right password.
#ifndef VIGIE_TOOLS_INBOX_SIGN_IN_THROTTLE_H_
#define VIGIE_TOOLS_INBOX_SIGN_IN_THROTTLE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace vigie::inbox {

class SignInThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    int free_failures = 5;  // Failures allowed before waiting.
    std::chrono::seconds base_delay{60};
    std::chrono::seconds max_delay{std::chrono::minutes(15)};
    std::chrono::seconds forget_after{std::chrono::hours(1)};
  };

  SignInThrottle() : SignInThrottle(Options()) {}
  explicit SignInThrottle(Options options) : options_(options) {}

  // Zero when an attempt for (`account`, `address`) may proceed now, else how
  // long to wait.
  std::chrono::seconds RetryAfter(std::string_view account,
                                  std::string_view address,
                                  Clock::time_point now);
  void RecordFailure(std::string_view account, std::string_view address,
                     Clock::time_point now);
  void RecordSuccess(std::string_view account, std::string_view address);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last_failure;
    Clock::time_point blocked_until;
  };
  std::chrono::seconds Wait(const Entry& entry, Clock::time_point now) const;
  void Fail(Entry& entry, Clock::time_point now, int free_failures);
  void Forget(Clock::time_point now);

  const Options options_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> accounts_;
  std::map<std::string, Entry, std::less<>> addresses_;
};

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_SIGN_IN_THROTTLE_H_
