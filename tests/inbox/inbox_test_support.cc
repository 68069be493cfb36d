#include "inbox_test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string_view>

namespace vigie::inbox::testing {
namespace {

namespace fs = std::filesystem;

std::string PostgresBinDir() {
  const char* dir = std::getenv("VIGIE_PG_BINDIR");
  return dir != nullptr ? dir : "/usr/lib/postgresql/15/bin";
}

bool IsRoot() { return geteuid() == 0; }

int ExitCode(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  if (WIFSIGNALED(status)) {
    return 128 + WTERMSIG(status);
  }
  return -1;
}

// fork + exec `argv`; fills `out`/`err` and returns the exit code.
int RunProcess(const std::vector<std::string>& argv, const std::string& input,
               std::string* out, std::string* err) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    return -1;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1],
                   err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (!input.empty()) {
    (void)!write(in_pipe[1], input.data(), input.size());
  }
  close(in_pipe[1]);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {out, err};
  int open_fds = 2;
  char buffer[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) {
        continue;
      }
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else if (sinks[i] != nullptr) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return ExitCode(status);
}

// Runs a PostgreSQL tool, as user postgres when we are root.
int RunAsPostgres(std::vector<std::string> argv, std::string* output) {
  if (IsRoot()) {
    argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
  }
  return RunProcess(argv, "", output, output);
}

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

void GiveToPostgres(const std::string& path) {
  if (!IsRoot()) {
    return;
  }
  const passwd* user = getpwnam("postgres");
  if (user != nullptr) {
    (void)!chown(path.c_str(), user->pw_uid, user->pw_gid);
  }
}

// An initdb'd cluster, made once and copied by each test (initdb is slow).
std::string ClusterTemplate(std::string* error) {
  std::string dir =
      (fs::temp_directory_path() / "vigie-inbox-pg15-template").string();
  if (fs::exists(dir + "/PG_VERSION")) {
    return dir;
  }
  char pattern[] = "/tmp/vigie-inbox-pg-init-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    *error = "mkdtemp failed";
    return "";
  }
  const std::string work = pattern;
  GiveToPostgres(work);
  std::string output;
  const int code = RunAsPostgres(
      {PostgresBinDir() + "/initdb", "-D", work + "/data", "--auth=trust", "-U",
       "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"},
      &output);
  if (code != 0) {
    *error = "initdb failed: " + output;
    fs::remove_all(work);
    return "";
  }
  std::error_code ignored;
  fs::rename(work + "/data", dir, ignored);  // Another test may have won.
  fs::remove_all(work, ignored);
  if (!fs::exists(dir + "/PG_VERSION")) {
    *error = "no cluster template";
    return "";
  }
  return dir;
}

}  // namespace

TempDir::TempDir() {
  char pattern[] = "/tmp/vigie-inbox-test-XXXXXX";
  if (mkdtemp(pattern) != nullptr) {
    path_ = pattern;
  }
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) {
    fs::remove_all(path_, ignored);
  }
}

CommandResult RunInbox(const std::vector<std::string>& args,
                       const std::string& input) {
  std::vector<std::string> argv = {VIGIE_INBOX_CLI, "inbox"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result;
  result.exit_code = RunProcess(argv, input, &result.out, &result.err);
  return result;
}

ServerProcess::ServerProcess(const std::string& db,
                             const std::vector<std::string>& extra_args) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) {
    return;
  }
  std::vector<std::string> argv = {
      VIGIE_INBOX_CLI, "inbox", "serve", "--db", db, "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out_pipe[1], 1);
    dup2(out_pipe[1], 2);
    close(out_pipe[0]);
    close(out_pipe[1]);
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const std::string& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  out_fd_ = out_pipe[0];
  ReadUntilUrl();
}

void ServerProcess::ReadUntilUrl() {
  constexpr std::string_view kUrl = "http://127.0.0.1:";
  char buffer[4096];
  while (true) {
    const ssize_t n = read(out_fd_, buffer, sizeof(buffer));
    if (n <= 0) {
      return;  // Exited before listening.
    }
    output_.append(buffer, static_cast<size_t>(n));
    // The server prints "http://127.0.0.1:PORT/" once it listens.
    const size_t at = output_.find(kUrl);
    const size_t slash = at == std::string::npos
                             ? std::string::npos
                             : output_.find('/', at + kUrl.size());
    if (slash != std::string::npos) {
      port_ =
          std::stoi(output_.substr(at + kUrl.size(), slash - at - kUrl.size()));
      break;
    }
  }
  // Keep draining so the server never blocks on a full pipe.
  reader_ = std::thread([this] {
    char chunk[4096];
    ssize_t n;
    while ((n = read(out_fd_, chunk, sizeof(chunk))) > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      output_.append(chunk, static_cast<size_t>(n));
    }
  });
}

int ServerProcess::Stop(int signal) {
  if (pid_ <= 0) {
    return exit_code_;
  }
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  exit_code_ = ExitCode(status);
  if (reader_.joinable()) {
    reader_.join();
  }
  return exit_code_;
}

std::string ServerProcess::output() {
  std::lock_guard<std::mutex> lock(mutex_);
  return output_;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    Stop(SIGKILL);
  }
  if (reader_.joinable()) {
    reader_.join();
  }
  if (out_fd_ >= 0) {
    close(out_fd_);
  }
}

bool PostgresRequired() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

PostgresCluster::PostgresCluster() {
  if (!fs::exists(PostgresBinDir() + "/pg_ctl")) {
    error_ = "PostgreSQL 15 is not installed (" + PostgresBinDir() + ")";
    return;
  }
  const std::string source = ClusterTemplate(&error_);
  if (source.empty()) {
    return;
  }
  char pattern[] = "/tmp/vigie-inbox-pg-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    error_ = "mkdtemp failed";
    return;
  }
  dir_ = pattern;
  std::string output;
  if (RunProcess({"/bin/cp", "-a", source, dir_ + "/data"}, "", &output,
                 &output) != 0) {
    error_ = "cannot copy the cluster template: " + output;
    return;
  }
  GiveToPostgres(dir_);
  for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
    const int port = FreePort();
    output.clear();
    const int code =
        RunAsPostgres({PostgresBinDir() + "/pg_ctl", "-D", dir_ + "/data", "-l",
                       dir_ + "/server.log", "-w", "-o",
                       "-p " + std::to_string(port) + " -k " + dir_ +
                           " -c listen_addresses=127.0.0.1",
                       "start"},
                      &output);
    if (code == 0) {
      port_ = port;
    }
  }
  if (port_ == 0) {
    error_ = "pg_ctl start failed: " + output;
  }
}

PostgresCluster::~PostgresCluster() {
  if (dir_.empty()) {
    return;
  }
  if (port_ > 0) {
    std::string output;
    RunAsPostgres({PostgresBinDir() + "/pg_ctl", "-D", dir_ + "/data", "-m",
                   "immediate", "-w", "stop"},
                  &output);
  }
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string PostgresCluster::Uri(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" +
         database;
}

bool PostgresCluster::Psql(const std::string& sql, const std::string& database,
                           std::string* output) const {
  std::string out;
  std::string err;
  const int code =
      RunProcess({PostgresBinDir() + "/psql", "-h", "127.0.0.1", "-p",
                  std::to_string(port_), "-U", "postgres", "-d", database, "-v",
                  "ON_ERROR_STOP=1", "-At", "-c", sql},
                 "", &out, &err);
  if (output != nullptr) {
    *output = code == 0 ? out : err;
  }
  return code == 0;
}

nlohmann::json ValidReport() {
  return {{"id", NewUuid()},
          {"platform", "facebook"},
          {"url", "https://www.facebook.com/chunantes/posts/1?comment_id=42"},
          {"author", "Jean Martin"},
          {"text", "Le docteur Durand est un incapable, honte au CHU !"},
          {"reason", "diffamation_injure"},
          {"note", "Troisième commentaire de ce genre cette semaine."},
          {"reported_at", "2026-11-28T10:15:00+01:00"}};
}

std::string NewUuid() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  const uint64_t hi = random();
  const uint64_t lo = random();
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff),
                static_cast<unsigned>(hi & 0xfff),
                static_cast<unsigned>(0x8000 | (lo >> 48 & 0x3fff)),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return text;
}

}  // namespace vigie::inbox::testing
