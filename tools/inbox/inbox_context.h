// What the inbox's HTTP handlers share: the store and the sign-in throttle.
#ifndef VIGIE_TOOLS_INBOX_INBOX_CONTEXT_H_
#define VIGIE_TOOLS_INBOX_INBOX_CONTEXT_H_

#include <string>

#include "sign_in_throttle.h"
#include "store.h"

namespace vigie::inbox {

struct InboxContext {
  Store* store = nullptr;
  SignInThrottle throttle;
  // A valid hash of a random password: unknown accounts cost as much time to
  // check as known ones.
  std::string decoy_password_hash;
};

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_INBOX_CONTEXT_H_
