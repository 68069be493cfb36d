// `vigie inbox serve`: the inbox's HTTP server, until SIGTERM or SIGINT.
#ifndef VIGIE_TOOLS_INBOX_SERVER_H_
#define VIGIE_TOOLS_INBOX_SERVER_H_

#include <string>

namespace vigie::inbox {

struct ServeOptions {
  std::string db;  // "sqlite:PATH" or "postgresql://...".
  std::string host = "127.0.0.1";
  int port = 8080;        // 0: any free port (the printed URL tells which).
  std::string packs_dir;  // Served at /packs/ when set.
};

// Returns the process exit code: 0 after a graceful stop, 1 when the server
// could not run, 2 when the database refuses (schema newer than this vigie).
int Serve(const ServeOptions& options);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_SERVER_H_
