#include "sqlite_store.h"

#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vigie::inbox {
namespace {

constexpr int kMaxReaders = 4;
constexpr int kBusyTimeoutMs = 10000;

absl::Status SqliteError(sqlite3* db, int code, std::string_view what) {
  std::string message = absl::StrCat(
      "sqlite: ", what, ": ", db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  int primary = code & 0xff;
  if (code == SQLITE_CONSTRAINT_UNIQUE ||
      code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return absl::AlreadyExistsError(message);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  absl::StatusOr<SqlRows> Query(std::string_view sql,
                                const std::vector<SqlValue>& params) override {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()),
                                &stmt, nullptr);
    if (rc != SQLITE_OK) {
      return SqliteError(db_, rc, "prepare");
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(
        stmt, sqlite3_finalize);
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      const SqlValue& value = params[i];
      if (std::holds_alternative<std::nullptr_t>(value)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const auto* number = std::get_if<int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt, index, *number);
      } else {
        const std::string& text = std::get<std::string>(value);
        rc = sqlite3_bind_text64(stmt, index, text.data(), text.size(),
                                 SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) {
        return SqliteError(db_, rc, "bind");
      }
    }
    SqlRows rows;
    const int columns = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      SqlRow row;
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
        } else {
          const auto* text =
              reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      return SqliteError(db_, sqlite3_extended_errcode(db_), "step");
    }
    return rows;
  }

  absl::Status ExecScript(std::string_view sql) override {
    std::string script(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      return absl::InternalError(absl::StrCat("sqlite: ", message));
    }
    return absl::OkStatus();
  }

 private:
  sqlite3* db_;
};

absl::StatusOr<std::unique_ptr<SqlConnection>> Connect(const std::string& path,
                                                       bool writer) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (writer) {
    flags |= SQLITE_OPEN_CREATE;
  }
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(db, rc, absl::StrCat("open ", path));
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto connection = std::make_unique<SqliteConnection>(db);
  // WAL: readers never block the writer. synchronous=FULL: a commit is on
  // disk before the server acknowledges the report.
  absl::Status status = connection->ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
      "PRAGMA foreign_keys=ON;");
  if (!status.ok()) {
    return status;
  }
  return connection;
}

class SqliteDatabase : public SqlDatabase {
 public:
  SqliteDatabase(std::string path, std::unique_ptr<SqlConnection> writer)
      : path_(std::move(path)), writer_(std::move(writer)) {}

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  std::string_view BeginWrite() const override { return "BEGIN IMMEDIATE"; }

  absl::StatusOr<SqlLease> Acquire(bool for_write) override {
    std::unique_lock<std::mutex> lock(mutex_);
    if (for_write) {
      available_.wait(lock, [this] { return writer_ != nullptr; });
      return SqlLease(this, std::move(writer_), true);
    }
    available_.wait(lock, [this] {
      return !readers_.empty() || open_readers_ < kMaxReaders;
    });
    if (!readers_.empty()) {
      std::unique_ptr<SqlConnection> reader = std::move(readers_.back());
      readers_.pop_back();
      return SqlLease(this, std::move(reader), false);
    }
    ++open_readers_;
    lock.unlock();
    absl::StatusOr<std::unique_ptr<SqlConnection>> reader =
        Connect(path_, false);
    if (!reader.ok()) {
      lock.lock();
      --open_readers_;
      available_.notify_one();
      return reader.status();
    }
    return SqlLease(this, std::move(*reader), false);
  }

 protected:
  void Release(std::unique_ptr<SqlConnection> connection,
               bool for_write) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (for_write) {
        writer_ = std::move(connection);
      } else {
        readers_.push_back(std::move(connection));
      }
    }
    available_.notify_all();
  }

 private:
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::unique_ptr<SqlConnection> writer_;
  std::vector<std::unique_ptr<SqlConnection>> readers_;
  int open_readers_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(
    const std::string& path) {
  std::error_code error;
  const bool existed = std::filesystem::exists(path, error);
  absl::StatusOr<std::unique_ptr<SqlConnection>> writer = Connect(path, true);
  if (!writer.ok()) {
    return writer.status();
  }
  if (!existed) {
    // Password hashes and reports: readable by the server's user only.
    std::filesystem::permissions(path,
                                 std::filesystem::perms::owner_read |
                                     std::filesystem::perms::owner_write,
                                 error);
  }
  return std::make_unique<SqliteDatabase>(path, std::move(*writer));
}

}  // namespace vigie::inbox
