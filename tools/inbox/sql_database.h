// The small SQL driver interface the inbox's store is written against, so the
// same queries run on SQLite and PostgreSQL. Queries use `?` placeholders;
// drivers translate them. Values travel as text, integers or NULL, always as
// bound parameters (never spliced into SQL).
#ifndef VIGIE_TOOLS_INBOX_SQL_DATABASE_H_
#define VIGIE_TOOLS_INBOX_SQL_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vigie::inbox {

using SqlValue = std::variant<std::nullptr_t, int64_t, std::string>;
using SqlRow = std::vector<std::optional<std::string>>;
using SqlRows = std::vector<SqlRow>;

enum class SqlDialect { kSqlite, kPostgres };

// One connection, used by one thread at a time.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  // Runs one statement with bound parameters and returns its rows (if any).
  // A unique-constraint violation gives absl::AlreadyExistsError.
  virtual absl::StatusOr<SqlRows> Query(
      std::string_view sql, const std::vector<SqlValue>& params) = 0;
  // Runs one or more statements without parameters (schema migrations).
  virtual absl::Status ExecScript(std::string_view sql) = 0;
};

class SqlDatabase;

// A connection borrowed from a database's pool, returned when destroyed.
class SqlLease {
 public:
  SqlLease(SqlDatabase* owner, std::unique_ptr<SqlConnection> connection,
           bool for_write);
  SqlLease(SqlLease&& other) noexcept;
  SqlLease& operator=(SqlLease&&) = delete;
  SqlLease(const SqlLease&) = delete;
  ~SqlLease();

  SqlConnection& operator*() { return *connection_; }
  SqlConnection* operator->() { return connection_.get(); }

 private:
  SqlDatabase* owner_;
  std::unique_ptr<SqlConnection> connection_;
  bool for_write_;
};

class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;
  virtual SqlDialect dialect() const = 0;
  // Borrows a connection. Writers may be serialised by the driver (SQLite has
  // a single writer), so hold a write lease only for one transaction.
  virtual absl::StatusOr<SqlLease> Acquire(bool for_write) = 0;
  // The statement that opens a write transaction.
  virtual std::string_view BeginWrite() const = 0;

 protected:
  friend class SqlLease;
  virtual void Release(std::unique_ptr<SqlConnection> connection,
                       bool for_write) = 0;
};

// Runs `sql` and returns the single integer of its first row.
absl::StatusOr<int64_t> QueryInt(SqlConnection& connection,
                                 std::string_view sql,
                                 const std::vector<SqlValue>& params);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_SQL_DATABASE_H_
