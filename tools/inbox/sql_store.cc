#include "sql_store.h"

#include <functional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "crypto.h"
#include "migrations.h"
#include "postgres_store.h"
#include "sqlite_store.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

// An open write transaction, rolled back unless committed.
class Transaction {
 public:
  Transaction(SqlConnection& connection, std::string_view begin)
      : connection_(connection) {
    status_ = connection_.ExecScript(begin);
  }
  ~Transaction() {
    if (status_.ok() && !committed_) {
      connection_.ExecScript("ROLLBACK").IgnoreError();
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const absl::Status& begin_status() const { return status_; }
  absl::Status Commit() {
    absl::Status status = connection_.ExecScript("COMMIT");
    committed_ = status.ok();
    return status;
  }

 private:
  SqlConnection& connection_;
  absl::Status status_;
  bool committed_ = false;
};

std::string Text(const std::optional<std::string>& value) {
  return value.value_or("");
}

int64_t Int(const std::optional<std::string>& value) {
  int64_t number = 0;
  if (value) {
    (void)absl::SimpleAtoi(*value, &number);
  }
  return number;
}

// Same comment: same platform, same link, same text up to spacing.
std::string CommentKey(const Report& report) {
  std::string text;
  bool space = false;
  for (char c : report.text) {
    const bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (is_space) {
      space = !text.empty();
      continue;
    }
    if (space) {
      text.push_back(' ');
    }
    space = false;
    text.push_back(c);
  }
  return Sha256Hex(absl::StrCat(report.platform, "\n", report.url, "\n", text));
}

constexpr std::string_view kCaseColumns =
    "id, platform, url, author, text, reason, state, destination, "
    "report_count, first_reported_at, last_reported_at";

CaseSummary CaseFromRow(const SqlRow& row) {
  CaseSummary summary;
  summary.id = Int(row[0]);
  summary.platform = Text(row[1]);
  summary.url = Text(row[2]);
  summary.author = Text(row[3]);
  summary.text = Text(row[4]);
  summary.reason = Text(row[5]);
  summary.state = Text(row[6]);
  summary.destination = Text(row[7]);
  summary.report_count = Int(row[8]);
  summary.first_reported_at = Text(row[9]);
  summary.last_reported_at = Text(row[10]);
  return summary;
}

class SqlStore : public Store {
 public:
  explicit SqlStore(std::unique_ptr<SqlDatabase> database)
      : db_(std::move(database)) {}

  absl::StatusOr<MigrationOutcome> Migrate() override {
    absl::StatusOr<SqlLease> lease = db_->Acquire(/*for_write=*/true);
    if (!lease.ok()) {
      return lease.status();
    }
    SqlConnection& conn = **lease;
    Transaction tx(conn, db_->BeginWrite());
    if (!tx.begin_status().ok()) {
      return tx.begin_status();
    }
    if (db_->dialect() == SqlDialect::kPostgres) {
      // Two servers starting together must not migrate at the same time.
      absl::StatusOr<SqlRows> locked =
          conn.Query("SELECT pg_advisory_xact_lock(5848374)", {});
      if (!locked.ok()) {
        return locked.status();
      }
    }
    absl::Status created = conn.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)");
    if (!created.ok()) {
      return created;
    }
    absl::StatusOr<int64_t> current = QueryInt(
        conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
    if (!current.ok()) {
      return current.status();
    }
    const std::vector<Migration>& migrations = MigrationsFor(db_->dialect());
    const int64_t latest = migrations.back().version;
    if (*current > latest) {
      return absl::FailedPreconditionError(absl::StrCat(
          "database schema version ", *current, " is newer than this vigie (",
          latest, "); upgrade vigie"));
    }
    for (const Migration& migration : migrations) {
      if (migration.version <= *current) {
        continue;
      }
      absl::Status applied = conn.ExecScript(migration.sql);
      if (!applied.ok()) {
        return absl::InternalError(absl::StrCat(
            "migration ", migration.version, " failed: ", applied.message()));
      }
      absl::StatusOr<SqlRows> recorded = conn.Query(
          "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
          {migration.version, NowUtc()});
      if (!recorded.ok()) {
        return recorded.status();
      }
    }
    absl::Status committed = tx.Commit();
    if (!committed.ok()) {
      return committed;
    }
    return MigrationOutcome{*current, latest};
  }

  absl::StatusOr<int64_t> SchemaVersion() override {
    absl::StatusOr<SqlLease> lease = db_->Acquire(false);
    if (!lease.ok()) {
      return lease.status();
    }
    return QueryInt(
        **lease, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  }

  absl::Status AddToken(std::string_view name, std::string_view token_hash,
                        std::string_view now) override {
    return Write(
        "INSERT INTO deployment_tokens (name, token_hash, created_at) "
        "VALUES (?, ?, ?)",
        {std::string(name), std::string(token_hash), std::string(now)});
  }

  absl::StatusOr<std::optional<std::string>> FindToken(
      std::string_view token_hash) override {
    absl::StatusOr<SqlRows> rows =
        Read("SELECT name FROM deployment_tokens WHERE token_hash = ?",
             {std::string(token_hash)});
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return std::optional<std::string>();
    }
    return std::optional<std::string>(Text(rows->front()[0]));
  }

  absl::Status AddUser(std::string_view name, std::string_view password_hash,
                       std::string_view now) override {
    return Write(
        "INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)",
        {std::string(name), std::string(password_hash), std::string(now)});
  }

  absl::StatusOr<std::optional<User>> FindUser(std::string_view name) override {
    absl::StatusOr<SqlRows> rows =
        Read("SELECT id, name, password_hash FROM users WHERE name = ?",
             {std::string(name)});
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return std::optional<User>();
    }
    const SqlRow& row = rows->front();
    return std::optional<User>(User{Int(row[0]), Text(row[1]), Text(row[2])});
  }

  absl::StatusOr<int64_t> CountUsers() override {
    absl::StatusOr<SqlLease> lease = db_->Acquire(false);
    if (!lease.ok()) {
      return lease.status();
    }
    return QueryInt(**lease, "SELECT COUNT(*) FROM users", {});
  }

  absl::Status CreateSession(std::string_view session_hash, int64_t user_id,
                             std::string_view csrf_token, std::string_view now,
                             std::string_view expires_at) override {
    return InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
      absl::StatusOr<SqlRows> purged = conn.Query(
          "DELETE FROM sessions WHERE expires_at < ?", {std::string(now)});
      if (!purged.ok()) {
        return purged.status();
      }
      absl::StatusOr<SqlRows> inserted = conn.Query(
          "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, "
          "expires_at) VALUES (?, ?, ?, ?, ?)",
          {std::string(session_hash), user_id, std::string(csrf_token),
           std::string(now), std::string(expires_at)});
      if (!inserted.ok()) {
        return inserted.status();
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::optional<Session>> FindSession(
      std::string_view session_hash, std::string_view now) override {
    absl::StatusOr<SqlRows> rows = Read(
        "SELECT s.user_id, u.name, s.csrf_token, s.expires_at "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.id_hash = ? AND s.expires_at > ?",
        {std::string(session_hash), std::string(now)});
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return std::optional<Session>();
    }
    const SqlRow& row = rows->front();
    return std::optional<Session>(
        Session{Int(row[0]), Text(row[1]), Text(row[2]), Text(row[3])});
  }

  absl::Status DeleteSession(std::string_view session_hash) override {
    return Write("DELETE FROM sessions WHERE id_hash = ?",
                 {std::string(session_hash)});
  }

  absl::StatusOr<InsertOutcome> InsertReport(
      const Report& report, std::string_view token_name,
      std::string_view received_at) override {
    std::optional<InsertOutcome> outcome;
    const absl::Status stored =
        InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
          absl::StatusOr<std::optional<int64_t>> existing =
              CaseOfReport(conn, report.id);
          if (!existing.ok()) {
            return existing.status();
          }
          if (existing->has_value()) {
            outcome = InsertOutcome{false, **existing};
            return absl::OkStatus();
          }
          absl::StatusOr<int64_t> case_id =
              StoreNewReport(conn, report, token_name, received_at);
          if (!case_id.ok()) {
            return case_id.status();
          }
          outcome = InsertOutcome{true, *case_id};
          return absl::OkStatus();
        });
    // Another request stored the same id concurrently (PostgreSQL): this one
    // was rolled back and is a repeat.
    if (absl::IsAlreadyExists(stored)) {
      absl::StatusOr<SqlLease> lease = db_->Acquire(false);
      if (!lease.ok()) {
        return lease.status();
      }
      absl::StatusOr<std::optional<int64_t>> existing =
          CaseOfReport(**lease, report.id);
      if (!existing.ok()) {
        return existing.status();
      }
      if (!existing->has_value()) {
        return absl::InternalError("report vanished after a duplicate insert");
      }
      return InsertOutcome{false, **existing};
    }
    if (!stored.ok()) {
      return stored;
    }
    return *outcome;
  }

  absl::StatusOr<std::vector<CaseSummary>> ListCases(
      const CaseFilter& filter) override {
    absl::StatusOr<SqlRows> rows = Read(
        absl::StrCat(
            "SELECT ", kCaseColumns,
            " FROM cases WHERE "
            "(CAST(? AS TEXT) = '' OR state = ?) AND "
            "(CAST(? AS TEXT) = '' OR reason = ?) AND "
            "(CAST(? AS TEXT) = '' OR platform = ?) AND "
            "(CAST(? AS TEXT) = '' OR substr(last_reported_at, 1, 10) >= ?) "
            "AND "
            "(CAST(? AS TEXT) = '' OR substr(last_reported_at, 1, 10) <= ?) "
            "ORDER BY last_reported_at DESC, id DESC LIMIT ?"),
        {filter.state, filter.state, filter.reason, filter.reason,
         filter.platform, filter.platform, filter.from, filter.from, filter.to,
         filter.to, filter.limit});
    if (!rows.ok()) {
      return rows.status();
    }
    std::vector<CaseSummary> cases;
    cases.reserve(rows->size());
    for (const SqlRow& row : *rows) {
      cases.push_back(CaseFromRow(row));
    }
    return cases;
  }

  absl::StatusOr<std::optional<CaseDetail>> GetCase(int64_t case_id) override {
    absl::StatusOr<SqlLease> lease = db_->Acquire(false);
    if (!lease.ok()) {
      return lease.status();
    }
    SqlConnection& conn = **lease;
    absl::StatusOr<SqlRows> rows = conn.Query(
        absl::StrCat("SELECT ", kCaseColumns, " FROM cases WHERE id = ?"),
        {case_id});
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return std::optional<CaseDetail>();
    }
    CaseDetail detail;
    detail.summary = CaseFromRow(rows->front());
    absl::StatusOr<SqlRows> reports = conn.Query(
        "SELECT id, platform, url, author, text, reason, note, reported_at, "
        "reporter FROM reports WHERE case_id = ? ORDER BY received_at, id",
        {case_id});
    if (!reports.ok()) {
      return reports.status();
    }
    for (const SqlRow& row : *reports) {
      Report report{Text(row[0]), Text(row[1]), Text(row[2]),
                    Text(row[3]), Text(row[4]), Text(row[5]),
                    Text(row[6]), Text(row[7]), row[8]};
      detail.reports.push_back(std::move(report));
    }
    absl::StatusOr<SqlRows> events = conn.Query(
        "SELECT at, actor, kind, detail FROM case_events WHERE case_id = ? "
        "ORDER BY id",
        {case_id});
    if (!events.ok()) {
      return events.status();
    }
    for (const SqlRow& row : *events) {
      detail.history.push_back(
          Event{Text(row[0]), Text(row[1]), Text(row[2]), Text(row[3])});
    }
    return std::optional<CaseDetail>(std::move(detail));
  }

  absl::Status ChangeState(int64_t case_id, std::string_view state,
                           std::string_view destination, std::string_view actor,
                           std::string_view now) override {
    return InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
      absl::StatusOr<SqlRows> rows =
          conn.Query("SELECT state FROM cases WHERE id = ?", {case_id});
      if (!rows.ok()) {
        return rows.status();
      }
      if (rows->empty()) {
        return absl::NotFoundError("no such case");
      }
      const std::string current = Text(rows->front()[0]);
      if (!IsAllowedTransition(current, state)) {
        return absl::FailedPreconditionError(
            absl::StrCat("transition ", current, " -> ", state));
      }
      absl::StatusOr<SqlRows> updated = conn.Query(
          "UPDATE cases SET state = ?, destination = ?, updated_at = ? "
          "WHERE id = ?",
          {std::string(state), std::string(destination), std::string(now),
           case_id});
      if (!updated.ok()) {
        return updated.status();
      }
      std::string detail(state);
      if (!destination.empty()) {
        absl::StrAppend(&detail, ":", destination);
      }
      absl::StatusOr<SqlRows> event = conn.Query(
          "INSERT INTO case_events (case_id, at, actor, kind, detail) "
          "VALUES (?, ?, ?, 'etat', ?)",
          {case_id, std::string(now), std::string(actor), detail});
      if (!event.ok()) {
        return event.status();
      }
      return absl::OkStatus();
    });
  }

  absl::Status AddNote(int64_t case_id, std::string_view text,
                       std::string_view actor, std::string_view now) override {
    return InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
      absl::StatusOr<SqlRows> rows =
          conn.Query("SELECT id FROM cases WHERE id = ?", {case_id});
      if (!rows.ok()) {
        return rows.status();
      }
      if (rows->empty()) {
        return absl::NotFoundError("no such case");
      }
      absl::StatusOr<SqlRows> event = conn.Query(
          "INSERT INTO case_events (case_id, at, actor, kind, detail) "
          "VALUES (?, ?, ?, 'note', ?)",
          {case_id, std::string(now), std::string(actor), std::string(text)});
      if (!event.ok()) {
        return event.status();
      }
      absl::StatusOr<SqlRows> touched =
          conn.Query("UPDATE cases SET updated_at = ? WHERE id = ?",
                     {std::string(now), case_id});
      if (!touched.ok()) {
        return touched.status();
      }
      return absl::OkStatus();
    });
  }

 private:
  // Runs `body` in a write transaction, committed when it returns OK and
  // rolled back otherwise.
  absl::Status InWriteTransaction(
      const std::function<absl::Status(SqlConnection&)>& body) {
    absl::StatusOr<SqlLease> lease = db_->Acquire(true);
    if (!lease.ok()) {
      return lease.status();
    }
    SqlConnection& conn = **lease;
    Transaction tx(conn, db_->BeginWrite());
    if (!tx.begin_status().ok()) {
      return tx.begin_status();
    }
    if (absl::Status status = body(conn); !status.ok()) {
      return status;
    }
    return tx.Commit();
  }

  // Adds a report never seen before: its case (new, or the same comment's
  // count raised), the report and the history line. Returns the case id;
  // AlreadyExists when another request stored the same id meanwhile.
  static absl::StatusOr<int64_t> StoreNewReport(SqlConnection& conn,
                                                const Report& report,
                                                std::string_view token_name,
                                                std::string_view received_at) {
    const std::string now(received_at);
    absl::StatusOr<int64_t> case_id =
        QueryInt(conn,
                 "INSERT INTO cases (comment_key, platform, url, author, text, "
                 "reason, state, destination, report_count, first_reported_at, "
                 "last_reported_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'nouveau', '', 1, ?, ?, ?) "
                 "ON CONFLICT (comment_key) DO UPDATE SET "
                 "report_count = cases.report_count + 1, "
                 "last_reported_at = excluded.last_reported_at, "
                 "updated_at = excluded.updated_at "
                 "RETURNING id",
                 {CommentKey(report), report.platform, report.url,
                  report.author, report.text, report.reason, now, now, now});
    if (!case_id.ok()) {
      return case_id.status();
    }
    SqlValue reporter = nullptr;
    if (report.reporter) {
      reporter = *report.reporter;
    }
    absl::StatusOr<SqlRows> inserted = conn.Query(
        "INSERT INTO reports (id, case_id, platform, url, author, text, "
        "reason, note, reported_at, reporter, token_name, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {report.id, *case_id, report.platform, report.url, report.author,
         report.text, report.reason, report.note, report.reported_at, reporter,
         std::string(token_name), now});
    if (!inserted.ok()) {
      return inserted.status();
    }
    const std::string actor =
        report.reporter ? *report.reporter
                        : absl::StrCat("extension (", token_name, ")");
    absl::StatusOr<SqlRows> event = conn.Query(
        "INSERT INTO case_events (case_id, at, actor, kind, detail) "
        "VALUES (?, ?, ?, 'signalement', ?)",
        {*case_id, now, actor, report.reason});
    if (!event.ok()) {
      return event.status();
    }
    return *case_id;
  }

  absl::StatusOr<std::optional<int64_t>> CaseOfReport(SqlConnection& conn,
                                                      const std::string& id) {
    absl::StatusOr<SqlRows> rows =
        conn.Query("SELECT case_id FROM reports WHERE id = ?", {id});
    if (!rows.ok()) {
      return rows.status();
    }
    if (rows->empty()) {
      return std::optional<int64_t>();
    }
    return std::optional<int64_t>(Int(rows->front()[0]));
  }

  absl::Status Write(std::string_view sql,
                     const std::vector<SqlValue>& params) {
    absl::StatusOr<SqlLease> lease = db_->Acquire(true);
    if (!lease.ok()) {
      return lease.status();
    }
    return (*lease)->Query(sql, params).status();
  }

  absl::StatusOr<SqlRows> Read(std::string_view sql,
                               const std::vector<SqlValue>& params) {
    absl::StatusOr<SqlLease> lease = db_->Acquire(false);
    if (!lease.ok()) {
      return lease.status();
    }
    return (*lease)->Query(sql, params);
  }

  std::unique_ptr<SqlDatabase> db_;
};

}  // namespace

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlDatabase> database) {
  return std::make_unique<SqlStore>(std::move(database));
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(std::string_view spec) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (spec.substr(0, kSqlite.size()) == kSqlite) {
    const std::string path(spec.substr(kSqlite.size()));
    if (path.empty()) {
      return absl::InvalidArgumentError("--db sqlite: needs a file path");
    }
    absl::StatusOr<std::unique_ptr<SqlDatabase>> db = OpenSqliteDatabase(path);
    if (!db.ok()) {
      return db.status();
    }
    return MakeSqlStore(std::move(*db));
  }
  if (spec.substr(0, 13) == "postgresql://" ||
      spec.substr(0, 11) == "postgres://") {
    absl::StatusOr<std::unique_ptr<SqlDatabase>> db =
        OpenPostgresDatabase(std::string(spec));
    if (!db.ok()) {
      return db.status();
    }
    return MakeSqlStore(std::move(*db));
  }
  return absl::InvalidArgumentError(
      "--db must be sqlite:PATH or postgresql://...");
}

}  // namespace vigie::inbox
