// What the inbox tests share: running the real `vigie inbox` binary (as a
// command or as a server on 127.0.0.1), a throwaway PostgreSQL 15 cluster,
// temporary folders, and a well-formed report to start from.
#ifndef VIGIE_TESTS_INBOX_INBOX_TEST_SUPPORT_H_
#define VIGIE_TESTS_INBOX_INBOX_TEST_SUPPORT_H_

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "nlohmann/json.hpp"

namespace vigie::inbox::testing {

// A folder removed (with its content) when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `vigie inbox ARGS` to completion, with `input` on its stdin.
CommandResult RunInbox(const std::vector<std::string>& args,
                       const std::string& input = "");

// `vigie inbox serve` as a child process.
class ServerProcess {
 public:
  // Starts the server on 127.0.0.1 (any free port) and waits for its URL.
  // `ok()` is false if it exited first; then `output()` says why.
  explicit ServerProcess(const std::string& db,
                         const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  // Sends `signal` and waits for the exit; returns the exit code, or 128 +
  // signal number when the process was killed by a signal.
  int Stop(int signal);
  // Everything printed so far on stdout and stderr.
  std::string output();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
  int out_fd_ = -1;
  std::mutex mutex_;  // Guards output_ once reader_ runs.
  std::string output_;
  std::thread reader_;
  void ReadUntilUrl();
};

// A PostgreSQL 15 cluster in a temporary folder, on a free 127.0.0.1 port,
// stopped and deleted when destroyed. As root it runs as user `postgres`.
class PostgresCluster {
 public:
  PostgresCluster();
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  bool ok() const { return !error_.empty() ? false : port_ > 0; }
  const std::string& error() const { return error_; }
  // "postgresql://postgres@127.0.0.1:PORT/DB".
  std::string Uri(const std::string& database = "postgres") const;
  // Runs SQL through psql on the given database; true when it succeeded.
  bool Psql(const std::string& sql, const std::string& database = "postgres",
            std::string* output = nullptr) const;

 private:
  std::string dir_;
  int port_ = 0;
  std::string error_;
};

// Whether a missing PostgreSQL must fail the test (CI=true) or skip it.
bool PostgresRequired();

// A valid report body; tests change one field at a time.
nlohmann::json ValidReport();
// A new random UUID (v4, lower case).
std::string NewUuid();

}  // namespace vigie::inbox::testing

#endif  // VIGIE_TESTS_INBOX_INBOX_TEST_SUPPORT_H_
