#include <string>

#include "http_api.h"
#include "ui_assets.h"

namespace vigie::inbox {
namespace {

// Nothing inline, nothing from elsewhere: injected markup cannot run.
constexpr char kContentSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

void ServeAsset(const std::string& path, httplib::Response& res) {
  const UiAsset* asset = FindUiAsset(path);
  if (asset == nullptr) {
    res.status = 404;
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_content(asset->body.data(), asset->body.size(),
                  std::string(asset->content_type));
}

}  // namespace

void RegisterUi(httplib::Server& server) {
  server.set_default_headers({
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  });
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    ServeAsset("/", res);
  });
  server.Get(R"(/(app\.js|app\.css))",
             [](const httplib::Request& req, httplib::Response& res) {
               ServeAsset(req.path, res);
             });
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain; charset=utf-8");
  });
}

}  // namespace vigie::inbox
