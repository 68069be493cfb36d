// The inbox's storage interface: everything the server keeps, whatever the
// database behind it (SQLite or PostgreSQL).
#ifndef VIGIE_TOOLS_INBOX_STORE_H_
#define VIGIE_TOOLS_INBOX_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model.h"

namespace vigie::inbox {

struct MigrationOutcome {
  int64_t from_version = 0;
  int64_t to_version = 0;
};

struct InsertOutcome {
  bool created = false;  // False: this report id was already stored.
  int64_t case_id = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Brings the schema to the latest version. Refuses (FailedPrecondition) a
  // database written by a newer version of Vigie.
  virtual absl::StatusOr<MigrationOutcome> Migrate() = 0;
  virtual absl::StatusOr<int64_t> SchemaVersion() = 0;

  // AlreadyExists if a token already has this name.
  virtual absl::Status AddToken(std::string_view name,
                                std::string_view token_hash,
                                std::string_view now) = 0;
  // Oldest first; never the tokens themselves.
  virtual absl::StatusOr<std::vector<NamedEntry>> ListTokens() = 0;
  // Deletes the tokens named `name`: NotFound if none; FailedPrecondition if
  // several (older databases allowed it) unless `all`. Returns how many.
  virtual absl::StatusOr<int64_t> RevokeToken(std::string_view name,
                                              bool all) = 0;
  // The token's name, if `token_hash` belongs to a deployment token.
  virtual absl::StatusOr<std::optional<std::string>> FindToken(
      std::string_view token_hash) = 0;

  // AlreadyExists if the name is taken.
  virtual absl::Status AddUser(std::string_view name,
                               std::string_view password_hash,
                               std::string_view now) = 0;
  virtual absl::StatusOr<std::optional<User>> FindUser(
      std::string_view name) = 0;
  virtual absl::StatusOr<int64_t> CountUsers() = 0;
  virtual absl::StatusOr<std::vector<NamedEntry>> ListUsers() = 0;
  // Both end the account's sessions; NotFound for an unknown name.
  virtual absl::Status SetPassword(std::string_view name,
                                   std::string_view password_hash) = 0;
  virtual absl::Status RemoveUser(std::string_view name) = 0;

  virtual absl::Status CreateSession(std::string_view session_hash,
                                     int64_t user_id,
                                     std::string_view csrf_token,
                                     std::string_view now,
                                     std::string_view expires_at) = 0;
  // The unexpired session with this hash, if any.
  virtual absl::StatusOr<std::optional<Session>> FindSession(
      std::string_view session_hash, std::string_view now) = 0;
  virtual absl::Status DeleteSession(std::string_view session_hash) = 0;

  // Stores a report, durably, before returning. A repeated id stores nothing.
  // Reports of the same comment (platform, link and text) share one case.
  virtual absl::StatusOr<InsertOutcome> InsertReport(
      const Report& report, std::string_view token_name,
      std::string_view received_at) = 0;

  // Newest flag first, one page of them and the number of matching cases.
  virtual absl::StatusOr<CasePage> ListCases(const CaseFilter& filter) = 0;
  virtual absl::StatusOr<std::optional<CaseDetail>> GetCase(
      int64_t case_id) = 0;
  // NotFound; Aborted when `expected` (the state the user saw; empty: any)
  // is no longer the case's state; FailedPrecondition when the transition is
  // not allowed.
  virtual absl::Status ChangeState(int64_t case_id, std::string_view expected,
                                   std::string_view state,
                                   std::string_view destination,
                                   std::string_view actor,
                                   std::string_view now) = 0;
  virtual absl::Status AddNote(int64_t case_id, std::string_view text,
                               std::string_view actor,
                               std::string_view now) = 0;
};

// Opens "sqlite:PATH" or "postgresql://..." (also "postgres://...").
// InvalidArgument for any other shape. Does not migrate.
absl::StatusOr<std::unique_ptr<Store>> OpenStore(std::string_view spec);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_STORE_H_
