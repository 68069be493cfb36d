#include <string>

#include "absl/strings/ascii.h"
#include "crypto.h"
#include "http_api.h"
#include "http_util.h"
#include "report_validation.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

// The deployment token's name, or nullopt (and a 401 sent).
std::optional<std::string> Authenticate(InboxContext& context,
                                        const httplib::Request& req,
                                        httplib::Response& res) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "bearer ";
  std::string token;
  if (header.size() > kBearer.size() &&
      absl::AsciiStrToLower(header.substr(0, kBearer.size())) == kBearer) {
    token =
        std::string(absl::StripAsciiWhitespace(header.substr(kBearer.size())));
  }
  if (!token.empty() && token.size() <= 256) {
    absl::StatusOr<std::optional<std::string>> name =
        context.store->FindToken(Sha256Hex(token));
    if (!name.ok()) {
      SendStorageError(res, name.status());
      return std::nullopt;
    }
    if (name->has_value()) {
      return *name;
    }
  }
  res.set_header("WWW-Authenticate", "Bearer realm=\"vigie\"");
  SendError(res, 401, "jeton de déploiement absent ou invalide",
            "Authorization");
  return std::nullopt;
}

}  // namespace

void RegisterReportsApi(httplib::Server& server, InboxContext& context) {
  server.Options("/api/v1/reports",
                 [](const httplib::Request&, httplib::Response& res) {
                   AllowAnyOrigin(res);
                   res.set_header("Access-Control-Allow-Methods", "POST");
                   res.set_header("Access-Control-Allow-Headers",
                                  "Authorization, Content-Type");
                   res.set_header("Access-Control-Max-Age", "600");
                   res.status = 204;
                 });
  server.Post("/api/v1/reports", [&context](const httplib::Request& req,
                                            httplib::Response& res) {
    AllowAnyOrigin(res);
    std::optional<std::string> token_name = Authenticate(context, req, res);
    if (!token_name) {
      return;
    }
    if (req.body.size() > kMaxReportBodyBytes) {
      SendError(res, 413, "signalement trop volumineux (64 Kio au plus)");
      return;
    }
    if (!HasJsonBody(req)) {
      SendError(res, 415, "le corps doit être du JSON (application/json)",
                "Content-Type");
      return;
    }
    Report report;
    FieldError error;
    if (!ParseReport(req.body, &report, &error)) {
      SendError(res, 400, error.message, error.field);
      return;
    }
    absl::StatusOr<InsertOutcome> outcome =
        context.store->InsertReport(report, *token_name, NowUtc());
    if (!outcome.ok()) {
      SendStorageError(res, outcome.status());
      return;
    }
    SendJson(res, outcome->created ? 201 : 200,
             {{"id", report.id},
              {"status", outcome->created ? "created" : "duplicate"}});
  });
}

}  // namespace vigie::inbox
