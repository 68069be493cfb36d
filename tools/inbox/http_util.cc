#include "http_util.h"

#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace vigie::inbox {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(
      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, std::string_view message,
               std::string_view field) {
  nlohmann::json body = {{"error", std::string(message)},
                         {"field", std::string(field)}};
  SendJson(res, status, body);
}

void SendStorageError(httplib::Response& res, const absl::Status& status) {
  std::cerr << "vigie inbox: storage error: " << status.message() << std::endl;
  res.set_header("Retry-After", "5");
  SendError(res, 503, "stockage momentanément indisponible, réessayez");
}

bool HasJsonBody(const httplib::Request& req) {
  const std::string type =
      absl::AsciiStrToLower(req.get_header_value("Content-Type"));
  return absl::StartsWith(type, "application/json");
}

void AllowAnyOrigin(httplib::Response& res) {
  // "*" is safe on these routes: the only ambient credential is the UI's
  // session cookie, which "*" never exposes (no Allow-Credentials), and the
  // reports API takes the deployment token from an Authorization header that a
  // caller must already know. The extension posts from its own origin
  // (chrome-extension://ID, moz-extension://UUID) without a host permission
  // for the inbox; the pack updater fetches the public, signed packs.
  // Set once: browsers refuse two (the error handler runs after the route).
  if (!res.has_header("Access-Control-Allow-Origin")) {
    res.set_header("Access-Control-Allow-Origin", "*");
  }
}

bool IsSameOrigin(const httplib::Request& req) {
  if (!req.has_header("Origin")) {
    return true;
  }
  const std::string origin = req.get_header_value("Origin");
  const std::string host = req.get_header_value("Host");
  if (host.empty()) {
    return false;
  }
  return origin == "http://" + host || origin == "https://" + host;
}

}  // namespace vigie::inbox
