#include "session_auth.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "crypto.h"
#include "http_util.h"
#include "time_util.h"

namespace vigie::inbox {

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  for (std::string_view part : absl::StrSplit(header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

std::optional<Session> RequireSession(InboxContext& context,
                                      const httplib::Request& req,
                                      httplib::Response& res) {
  const std::string cookie = CookieValue(req, kSessionCookie);
  if (!cookie.empty() && cookie.size() <= 128) {
    absl::StatusOr<std::optional<Session>> session =
        context.store->FindSession(Sha256Hex(cookie), NowUtc());
    if (!session.ok()) {
      SendStorageError(res, session.status());
      return std::nullopt;
    }
    if (session->has_value()) {
      return *session;
    }
  }
  SendError(res, 401, "connexion requise");
  return std::nullopt;
}

std::optional<Session> RequireSessionForChange(InboxContext& context,
                                               const httplib::Request& req,
                                               httplib::Response& res) {
  std::optional<Session> session = RequireSession(context, req, res);
  if (!session) {
    return std::nullopt;
  }
  const std::string token = req.get_header_value("X-CSRF-Token");
  if (!IsSameOrigin(req) || token.empty() ||
      !SecureEquals(token, session->csrf_token)) {
    SendError(res, 403,
              "requête refusée : jeton anti-CSRF absent ou invalide, "
              "rechargez la page",
              "X-CSRF-Token");
    return std::nullopt;
  }
  return session;
}

}  // namespace vigie::inbox
