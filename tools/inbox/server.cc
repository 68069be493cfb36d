#include "server.h"

#include <httplib.h>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include "absl/strings/match.h"
#include "crypto.h"
#include "http_api.h"
#include "http_util.h"
#include "inbox_context.h"
#include "report_validation.h"
#include "store.h"

namespace vigie::inbox {
namespace {

// Enough for 50 extension clients with keep-alive plus the UI.
constexpr size_t kWorkerThreads = 96;

// Stops `server` on SIGTERM or SIGINT. The signals are blocked in every
// thread (set before the server's threads start) and taken by sigwait here.
class SignalStopper {
 public:
  explicit SignalStopper(httplib::Server& server) : server_(server) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGUSR2);  // Internal wake-up.
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
    thread_ = std::thread([this] {
      int signal = 0;
      while (sigwait(&signals_, &signal) == 0) {
        if (done_) {
          return;
        }
        if (signal == SIGTERM || signal == SIGINT) {
          stopping_ = true;
          // stop() is a no-op until listen has started: wait for it.
          while (!done_ && !server_.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
          server_.stop();
          return;
        }
      }
    });
  }
  ~SignalStopper() {
    done_ = true;
    if (!stopping_) {
      pthread_kill(thread_.native_handle(), SIGUSR2);
    }
    thread_.join();
    // A wake-up that raced with a stop must not outlive the mask.
    sigset_t wake;
    sigemptyset(&wake);
    sigaddset(&wake, SIGUSR2);
    const timespec no_wait{};
    while (sigtimedwait(&wake, nullptr, &no_wait) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SignalStopper(const SignalStopper&) = delete;
  SignalStopper& operator=(const SignalStopper&) = delete;

  bool stopping() const { return stopping_; }

 private:
  httplib::Server& server_;
  sigset_t signals_;
  sigset_t previous_;
  std::atomic<bool> done_{false};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

void ConfigureServer(httplib::Server& server, InboxContext& context,
                     const ServeOptions& options) {
  server.new_task_queue = [] {
    return new httplib::ThreadPool(kWorkerThreads);
  };
  server.set_payload_max_length(kMaxReportBodyBytes);
  server.set_keep_alive_max_count(10000);
  server.set_keep_alive_timeout(10);
  server.set_read_timeout(10);
  server.set_write_timeout(10);
  server.set_error_handler(
      [](const httplib::Request& req, httplib::Response& res) {
        if (req.path == "/api/v1/reports" ||
            absl::StartsWith(req.path, "/packs/")) {
          // A 413 refused before the handler must still be readable by the
          // extension, or it would retry forever.
          AllowAnyOrigin(res);
        }
        if (!res.body.empty()) {
          return;
        }
        if (res.status == 413) {
          SendError(res, 413, "signalement trop volumineux (64 Kio au plus)");
        } else if (res.status == 404) {
          SendError(res, 404, "page introuvable");
        } else if (res.status >= 400) {
          SendError(res, res.status, "requête refusée");
        }
      });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res,
         const std::exception_ptr&) { SendError(res, 500, "erreur interne"); });
  RegisterUi(server);
  RegisterReportsApi(server, context);
  RegisterSessionApi(server, context);
  RegisterCasesApi(server, context);
  if (!options.packs_dir.empty()) {
    RegisterPacks(server, options.packs_dir);
  }
}

}  // namespace

int Serve(const ServeOptions& options) {
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(options.db);
  if (!store.ok()) {
    std::cerr << "vigie inbox: cannot open --db: " << store.status().message()
              << std::endl;
    return absl::IsInvalidArgument(store.status()) ? 2 : 1;
  }
  absl::StatusOr<MigrationOutcome> migrated = (*store)->Migrate();
  if (!migrated.ok()) {
    std::cerr << "vigie inbox: " << migrated.status().message() << std::endl;
    return absl::IsFailedPrecondition(migrated.status()) ? 2 : 1;
  }
  if (migrated->from_version != migrated->to_version) {
    std::cout << "Base de données : schéma passé de la version "
              << migrated->from_version << " à la version "
              << migrated->to_version << "." << std::endl;
  }
  absl::StatusOr<std::string> decoy_password = RandomToken(18);
  absl::StatusOr<std::string> decoy_hash =
      decoy_password.ok()
          ? HashPassword(*decoy_password)
          : absl::StatusOr<std::string>(decoy_password.status());
  if (!decoy_hash.ok()) {
    std::cerr << "vigie inbox: " << decoy_hash.status().message() << std::endl;
    return 1;
  }
  InboxContext context;
  context.store = store->get();
  context.decoy_password_hash = *decoy_hash;

  httplib::Server server;
  ConfigureServer(server, context, options);
  SignalStopper stopper(server);
  int port = options.port;
  bool bound = false;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    bound = port > 0;
  } else {
    bound = server.bind_to_port(options.host, port);
  }
  if (!bound) {
    std::cerr << "vigie inbox: cannot listen on " << options.host << ":"
              << options.port << std::endl;
    return 1;
  }
  const std::string host = options.host.find(':') != std::string::npos
                               ? "[" + options.host + "]"
                               : options.host;
  std::cout << "Vigie inbox : http://" << host << ":" << port << "/"
            << std::endl;
  absl::StatusOr<int64_t> users = (*store)->CountUsers();
  if (users.ok() && *users == 0) {
    std::cout << "Aucun compte pour l'instant. Créez le premier avec :\n"
              << "  vigie inbox user add NOM --password-stdin --db "
              << (options.db.rfind("sqlite:", 0) == 0 ? options.db
                                                      : "<même --db>")
              << std::endl;
  }
  const bool listened = server.listen_after_bind();
  if (!listened && !stopper.stopping()) {
    std::cerr << "vigie inbox: the server stopped unexpectedly" << std::endl;
    return 1;
  }
  std::cout << "Vigie inbox arrêté proprement." << std::endl;
  return 0;
}

}  // namespace vigie::inbox
