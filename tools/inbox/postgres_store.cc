#include "postgres_store.h"

#include <libpq-fe.h>

#include <condition_variable>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vigie::inbox {
namespace {

constexpr int kMaxConnections = 16;
constexpr char kUniqueViolation[] = "23505";

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

class PostgresConnection : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  absl::StatusOr<SqlRows> Query(std::string_view sql,
                                const std::vector<SqlValue>& params) override {
    const std::string translated = ToPostgresPlaceholders(sql);
    std::vector<std::string> storage;
    storage.reserve(params.size());
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const SqlValue& value : params) {
      if (std::holds_alternative<std::nullptr_t>(value)) {
        storage.emplace_back();
        values.push_back(nullptr);
      } else if (const auto* number = std::get_if<int64_t>(&value)) {
        storage.push_back(absl::StrCat(*number));
        values.push_back(storage.back().c_str());
      } else {
        storage.push_back(std::get<std::string>(value));
        values.push_back(storage.back().c_str());
      }
    }
    PGresult* result =
        PQexecParams(conn_, translated.c_str(), static_cast<int>(values.size()),
                     nullptr, values.data(), nullptr, nullptr, 0);
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(result, PQclear);
    absl::Status status = CheckResult(result);
    if (!status.ok()) {
      return status;
    }
    SqlRows rows;
    const int count = PQntuples(result);
    const int columns = PQnfields(result);
    rows.reserve(count);
    for (int r = 0; r < count; ++r) {
      SqlRow row;
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, r, c) != 0) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(
              std::string(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  absl::Status ExecScript(std::string_view sql) override {
    const std::string script(sql);
    PGresult* result = PQexec(conn_, script.c_str());
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(result, PQclear);
    return CheckResult(result);
  }

  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  absl::Status CheckResult(const PGresult* result) {
    const ExecStatusType status =
        result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      return absl::OkStatus();
    }
    std::string message = absl::StrCat("postgresql: ", PQerrorMessage(conn_));
    while (!message.empty() && message.back() == '\n') {
      message.pop_back();
    }
    const char* state = result != nullptr
                            ? PQresultErrorField(result, PG_DIAG_SQLSTATE)
                            : nullptr;
    if (state != nullptr && std::string_view(state) == kUniqueViolation) {
      return absl::AlreadyExistsError(message);
    }
    if (PQstatus(conn_) != CONNECTION_OK) {
      return absl::UnavailableError(message);
    }
    return absl::InternalError(message);
  }

  PGconn* conn_;
};

absl::StatusOr<std::unique_ptr<PostgresConnection>> Connect(
    const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message =
        conn != nullptr ? PQerrorMessage(conn) : std::string("out of memory");
    while (!message.empty() && message.back() == '\n') {
      message.pop_back();
    }
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat("postgresql: ", message));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::make_unique<PostgresConnection>(conn);
}

class PostgresDatabase : public SqlDatabase {
 public:
  explicit PostgresDatabase(std::string conninfo,
                            std::unique_ptr<PostgresConnection> first)
      : conninfo_(std::move(conninfo)) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  std::string_view BeginWrite() const override { return "BEGIN"; }

  absl::StatusOr<SqlLease> Acquire(bool for_write) override {
    std::unique_lock<std::mutex> lock(mutex_);
    available_.wait(
        lock, [this] { return !idle_.empty() || open_ < kMaxConnections; });
    while (!idle_.empty()) {
      std::unique_ptr<PostgresConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn->healthy()) {
        return SqlLease(this, std::move(conn), for_write);
      }
      --open_;  // Dropped connection (server restarted): open a new one.
    }
    ++open_;
    lock.unlock();
    absl::StatusOr<std::unique_ptr<PostgresConnection>> conn =
        Connect(conninfo_);
    if (!conn.ok()) {
      lock.lock();
      --open_;
      available_.notify_one();
      return conn.status();
    }
    return SqlLease(this, std::move(*conn), for_write);
  }

 protected:
  void Release(std::unique_ptr<SqlConnection> connection,
               bool /*for_write*/) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      idle_.emplace_back(
          static_cast<PostgresConnection*>(connection.release()));
    }
    available_.notify_one();
  }

 private:
  const std::string conninfo_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  int open_ = 0;
};

}  // namespace

std::string ToPostgresPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int index = 0;
  for (char c : sql) {
    if (c == '?') {
      absl::StrAppend(&out, "$", ++index);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::StatusOr<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(
    const std::string& conninfo) {
  absl::StatusOr<std::unique_ptr<PostgresConnection>> first = Connect(conninfo);
  if (!first.ok()) {
    return first.status();
  }
  return std::make_unique<PostgresDatabase>(conninfo, std::move(*first));
}

}  // namespace vigie::inbox
