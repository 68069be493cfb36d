// Sessions of the communication service's web UI: an HttpOnly, SameSite=Strict
// cookie holding a random id (only its hash is stored), and a per-session CSRF
// token that every change must echo in the X-CSRF-Token header.
#ifndef VIGIE_TOOLS_INBOX_SESSION_AUTH_H_
#define VIGIE_TOOLS_INBOX_SESSION_AUTH_H_

#include <httplib.h>

#include <optional>

#include "inbox_context.h"
#include "model.h"

namespace vigie::inbox {

inline constexpr char kSessionCookie[] = "vigie_session";

// The signed-in session, or nullopt after answering 401 (or 503).
std::optional<Session> RequireSession(InboxContext& context,
                                      const httplib::Request& req,
                                      httplib::Response& res);

// Like RequireSession, and also checks the CSRF token and the Origin header
// (403 when wrong). For every request that changes something.
std::optional<Session> RequireSessionForChange(InboxContext& context,
                                               const httplib::Request& req,
                                               httplib::Response& res);

// The value of cookie `name` in the request, or "".
std::string CookieValue(const httplib::Request& req, std::string_view name);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_SESSION_AUTH_H_
