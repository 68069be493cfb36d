#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "crypto.h"
#include "http_api.h"
#include "http_util.h"
#include "nlohmann/json.hpp"
#include "session_auth.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

using nlohmann::json;

constexpr auto kSessionLifetime = std::chrono::hours(12);

std::string SessionCookie(const httplib::Request& req, std::string_view value,
                          int64_t max_age_seconds) {
  // Behind the TLS reverse proxy the cookie is also marked Secure.
  const bool https = req.get_header_value("X-Forwarded-Proto") == "https";
  return absl::StrCat(kSessionCookie, "=", value,
                      "; Path=/; Max-Age=", max_age_seconds,
                      "; HttpOnly; SameSite=Strict", https ? "; Secure" : "");
}

void SignIn(InboxContext& context, const httplib::Request& req,
            httplib::Response& res) {
  if (!HasJsonBody(req) || !IsSameOrigin(req)) {
    SendError(res, 403, "requête de connexion refusée");
    return;
  }
  const json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("name") ||
      !body["name"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    SendError(res, 400, "identifiant et mot de passe attendus", "name");
    return;
  }
  const std::string& name = body["name"].get_ref<const std::string&>();
  const std::string& password = body["password"].get_ref<const std::string&>();
  if (name.size() > 64 || password.size() > 1024) {
    SendError(res, 400, "identifiant ou mot de passe trop long", "name");
    return;
  }
  const auto now = SignInThrottle::Clock::now();
  const std::chrono::seconds wait =
      context.throttle.RetryAfter(name, req.remote_addr, now);
  if (wait.count() > 0) {
    const int64_t minutes = (wait.count() + 59) / 60;
    res.set_header("Retry-After", std::to_string(wait.count()));
    SendError(res, 429,
              absl::StrCat("Trop de tentatives de connexion. Réessayez dans ",
                           minutes, minutes > 1 ? " minutes." : " minute."));
    return;
  }
  absl::StatusOr<std::optional<User>> user = context.store->FindUser(name);
  if (!user.ok()) {
    SendStorageError(res, user.status());
    return;
  }
  bool valid = false;
  if (user->has_value()) {
    valid = VerifyPassword(password, (*user)->password_hash);
  } else {
    // Same cost as a known account: timing does not reveal account names.
    (void)VerifyPassword(password, context.decoy_password_hash);
  }
  if (!valid) {
    context.throttle.RecordFailure(name, req.remote_addr, now);
    SendError(res, 401, "Identifiant ou mot de passe incorrect.");
    return;
  }
  context.throttle.RecordSuccess(name, req.remote_addr);
  absl::StatusOr<std::string> session_id = RandomToken(32);
  absl::StatusOr<std::string> csrf = RandomToken(32);
  if (!session_id.ok() || !csrf.ok()) {
    SendStorageError(res,
                     session_id.ok() ? csrf.status() : session_id.status());
    return;
  }
  const auto wall_now = std::chrono::system_clock::now();
  absl::Status created = context.store->CreateSession(
      Sha256Hex(*session_id), (*user)->id, *csrf, FormatUtc(wall_now),
      FormatUtc(wall_now + kSessionLifetime));
  if (!created.ok()) {
    SendStorageError(res, created);
    return;
  }
  res.set_header("Set-Cookie",
                 SessionCookie(req, *session_id,
                               std::chrono::seconds(kSessionLifetime).count()));
  SendJson(res, 200, {{"user", (*user)->name}, {"csrf", *csrf}});
}

}  // namespace

void RegisterSessionApi(httplib::Server& server, InboxContext& context) {
  server.Post("/api/v1/session",
              [&context](const httplib::Request& req, httplib::Response& res) {
                SignIn(context, req, res);
              });
  server.Get("/api/v1/session", [&context](const httplib::Request& req,
                                           httplib::Response& res) {
    std::optional<Session> session = RequireSession(context, req, res);
    if (!session) {
      return;
    }
    SendJson(res, 200,
             {{"user", session->user_name}, {"csrf", session->csrf_token}});
  });
  server.Delete("/api/v1/session", [&context](const httplib::Request& req,
                                              httplib::Response& res) {
    std::optional<Session> session = RequireSessionForChange(context, req, res);
    if (!session) {
      return;
    }
    absl::Status deleted = context.store->DeleteSession(
        Sha256Hex(CookieValue(req, kSessionCookie)));
    if (!deleted.ok()) {
      SendStorageError(res, deleted);
      return;
    }
    res.set_header("Set-Cookie", SessionCookie(req, "", 0));
    SendJson(res, 200, {{"user", nullptr}});
  });
}

}  // namespace vigie::inbox
