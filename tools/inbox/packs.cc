#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "http_api.h"
#include "http_util.h"

namespace vigie::inbox {
namespace {

constexpr size_t kMaxPackBytes = size_t{16} * 1024 * 1024;

std::string ContentType(const std::string& name) {
  if (absl::EndsWith(name, ".json")) return "application/json";
  if (absl::EndsWith(name, ".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

void RegisterPacks(httplib::Server& server, const std::string& packs_dir) {
  // Read at each request: the folder may be published (or created) while the
  // server runs. Names are plain (no "..", no hidden files).
  server.Get(
      R"(/packs/([A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}))",
      [packs_dir](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.matches[1].str();
        if (absl::StrContains(name, "..")) {
          res.status = 404;
          return;
        }
        std::ifstream file(packs_dir + "/" + name, std::ios::binary);
        if (!file) {
          res.status = 404;
          return;
        }
        std::ostringstream content;
        content << file.rdbuf();
        if (!file.good() && !file.eof()) {
          res.status = 404;
          return;
        }
        const std::string body = content.str();
        if (body.size() > kMaxPackBytes) {
          res.status = 404;
          return;
        }
        res.set_header("Cache-Control", "no-cache");
        AllowAnyOrigin(res);
        res.set_content(body, ContentType(name));
      });
}

}  // namespace vigie::inbox
