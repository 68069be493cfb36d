// Small helpers shared by the inbox's HTTP handlers.
#ifndef VIGIE_TOOLS_INBOX_HTTP_UTIL_H_
#define VIGIE_TOOLS_INBOX_HTTP_UTIL_H_

#include <httplib.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "nlohmann/json.hpp"

namespace vigie::inbox {

// Sends `body` as JSON. Invalid UTF-8 (never expected) is replaced, not fatal.
void SendJson(httplib::Response& res, int status, const nlohmann::json& body);

// {"error": message, "field": field}.
void SendError(httplib::Response& res, int status, std::string_view message,
               std::string_view field = "");

// Logs a storage failure on stderr and answers 503 (the client retries).
void SendStorageError(httplib::Response& res, const absl::Status& status);

// Whether the request declares a JSON body.
bool HasJsonBody(const httplib::Request& req);

// Lets any origin read the response (the extension's reports, the public
// packs).
void AllowAnyOrigin(httplib::Response& res);

// Whether the request's Origin (when the browser sends one) is this server.
bool IsSameOrigin(const httplib::Request& req);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_HTTP_UTIL_H_
