#include "sql_store.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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

// `pattern` for LIKE ... ESCAPE '\', matching `text` anywhere.
std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      pattern.push_back('\\');
    }
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

// " WHERE ..." for `filter` (empty when it keeps every case), its values
// appended to `params`. Only fixed SQL text is assembled here.
std::string FilterClause(const CaseFilter& filter,
                         std::vector<SqlValue>* params) {
  std::vector<std::string> conditions;
  auto add = [&](std::string_view condition, const std::string& value,
                 int uses = 1) {
    conditions.emplace_back(condition);
    for (int i = 0; i < uses; ++i) {
      params->push_back(value);
    }
  };
  if (!filter.state.empty()) {
    add("state = ?", filter.state);
  }
  if (!filter.reason.empty()) {
    add("EXISTS (SELECT 1 FROM reports r WHERE r.case_id = cases.id "
        "AND r.reason = ?)",
        filter.reason);
  }
  if (!filter.platform.empty()) {
    add("platform = ?", filter.platform);
  }
  if (!filter.from.empty()) {
    add("last_reported_at >= ?", filter.from);
  }
  if (!filter.before.empty()) {
    add("last_reported_at < ?", filter.before);
  }
  if (!filter.text.empty()) {
    // lower() on both sides. PostgreSQL folds every letter; SQLite's lower()
    // folds ASCII only, so there "élodie" does not find "Élodie" (see
    // README.md: a pre-folded column would fix it).
    add("(lower(cases.text) LIKE lower(CAST(? AS TEXT)) ESCAPE '\\' "
        "OR EXISTS (SELECT 1 FROM reports r WHERE r.case_id = cases.id AND "
        "(lower(r.author) LIKE lower(CAST(? AS TEXT)) ESCAPE '\\' "
        "OR lower(r.note) LIKE lower(CAST(? AS TEXT)) ESCAPE '\\')) "
        "OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = cases.id "
        "AND e.kind = 'note' "
        "AND lower(e.detail) LIKE lower(CAST(? AS TEXT)) ESCAPE '\\'))",
        ContainsPattern(filter.text), 4);
  }
  return conditions.empty()
             ? ""
             : absl::StrCat(" WHERE ", absl::StrJoin(conditions, " AND "));
}

// Fills each case's `reasons` from its reports, a query per 500 cases (the
// databases bound the number of parameters; an export may hold thousands).
absl::Status AddReasons(SqlConnection& conn, std::vector<CaseSummary>* cases) {
  constexpr size_t kBatch = 500;
  std::map<int64_t, CaseSummary*> by_id;
  for (CaseSummary& c : *cases) {
    by_id[c.id] = &c;
  }
  for (size_t start = 0; start < cases->size(); start += kBatch) {
    std::vector<SqlValue> ids;
    for (size_t i = start; i < std::min(start + kBatch, cases->size()); ++i) {
      ids.emplace_back((*cases)[i].id);
    }
    std::vector<std::string> marks(ids.size(), "?");
    absl::StatusOr<SqlRows> rows = conn.Query(
        absl::StrCat(
            "SELECT case_id, reason, COUNT(*) AS n, "
            "MIN(received_at) AS since FROM reports WHERE case_id IN (",
            absl::StrJoin(marks, ", "),
            ") GROUP BY case_id, reason "
            "ORDER BY case_id, n DESC, since, reason"),
        ids);
    if (!rows.ok()) {
      return rows.status();
    }
    for (const SqlRow& row : *rows) {
      auto found = by_id.find(Int(row[0]));
      if (found != by_id.end()) {
        found->second->reasons.push_back(
            ReasonCount{Text(row[1]), Int(row[2])});
      }
    }
  }
  return absl::OkStatus();
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
    return InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
      absl::StatusOr<int64_t> same = QueryInt(
          conn, "SELECT COUNT(*) FROM deployment_tokens WHERE name = ?",
          {std::string(name)});
      if (!same.ok()) {
        return same.status();
      }
      if (*same > 0) {
        return absl::AlreadyExistsError("token name in use");
      }
      return conn
          .Query(
              "INSERT INTO deployment_tokens (name, token_hash, created_at) "
              "VALUES (?, ?, ?)",
              {std::string(name), std::string(token_hash), std::string(now)})
          .status();
    });
  }

  absl::StatusOr<std::vector<NamedEntry>> ListTokens() override {
    return ListNamed(
        "SELECT name, created_at FROM deployment_tokens ORDER BY id");
  }

  absl::StatusOr<int64_t> RevokeToken(std::string_view name,
                                      bool all) override {
    int64_t revoked = 0;
    absl::Status status =
        InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
          absl::StatusOr<int64_t> same = QueryInt(
              conn, "SELECT COUNT(*) FROM deployment_tokens WHERE name = ?",
              {std::string(name)});
          if (!same.ok()) {
            return same.status();
          }
          if (*same == 0) {
            return absl::NotFoundError("no such token");
          }
          if (*same > 1 && !all) {
            return absl::FailedPreconditionError(
                absl::StrCat(*same, " tokens have this name"));
          }
          revoked = *same;
          return conn
              .Query("DELETE FROM deployment_tokens WHERE name = ?",
                     {std::string(name)})
              .status();
        });
    if (!status.ok()) {
      return status;
    }
    return revoked;
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

  absl::StatusOr<std::vector<NamedEntry>> ListUsers() override {
    return ListNamed("SELECT name, created_at FROM users ORDER BY name");
  }

  absl::Status SetPassword(std::string_view name,
                           std::string_view password_hash) override {
    return ChangeUser(name, "UPDATE users SET password_hash = ? WHERE id = ?",
                      std::string(password_hash));
  }

  absl::Status RemoveUser(std::string_view name) override {
    return ChangeUser(name, "DELETE FROM users WHERE id = ?", std::nullopt);
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

  absl::StatusOr<CasePage> ListCases(const CaseFilter& filter) override {
    absl::StatusOr<SqlLease> lease = db_->Acquire(false);
    if (!lease.ok()) {
      return lease.status();
    }
    SqlConnection& conn = **lease;
    std::vector<SqlValue> params;
    const std::string where = FilterClause(filter, &params);
    CasePage page;
    absl::StatusOr<int64_t> total = QueryInt(
        conn, absl::StrCat("SELECT COUNT(*) FROM cases", where), params);
    if (!total.ok()) {
      return total.status();
    }
    page.total = *total;
    std::string sql =
        absl::StrCat("SELECT ", kCaseColumns, " FROM cases", where,
                     " ORDER BY last_reported_at DESC, id DESC");
    if (filter.limit >= 0) {
      sql += " LIMIT ? OFFSET ?";
      params.push_back(filter.limit);
      params.push_back(filter.offset);
    }
    absl::StatusOr<SqlRows> rows = conn.Query(sql, params);
    if (!rows.ok()) {
      return rows.status();
    }
    page.cases.reserve(rows->size());
    for (const SqlRow& row : *rows) {
      page.cases.push_back(CaseFromRow(row));
    }
    if (absl::Status status = AddReasons(conn, &page.cases); !status.ok()) {
      return status;
    }
    return page;
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
    std::vector<CaseSummary> one = {detail.summary};
    if (absl::Status status = AddReasons(conn, &one); !status.ok()) {
      return status;
    }
    detail.summary = std::move(one.front());
    absl::StatusOr<SqlRows> reports = conn.Query(
        "SELECT id, platform, url, author, text, reason, note, reported_at, "
        "reporter, received_at FROM reports WHERE case_id = ? "
        "ORDER BY received_at, id",
        {case_id});
    if (!reports.ok()) {
      return reports.status();
    }
    for (const SqlRow& row : *reports) {
      Report report{Text(row[0]), Text(row[1]), Text(row[2]), Text(row[3]),
                    Text(row[4]), Text(row[5]), Text(row[6]), Text(row[7]),
                    row[8],       Text(row[9])};
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

  absl::Status ChangeState(int64_t case_id, std::string_view expected,
                           std::string_view state, std::string_view destination,
                           std::string_view actor,
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
      if (!expected.empty() && current != expected) {
        return absl::AbortedError(absl::StrCat("state is now ", current));
      }
      if (!IsAllowedTransition(current, state)) {
        return absl::FailedPreconditionError(
            absl::StrCat("transition ", current, " -> ", state));
      }
      // Only from the state just read: on PostgreSQL a colleague's change
      // committed since that read leaves no row to update (the read takes no
      // lock), and the click is refused as from an out-of-date page.
      absl::StatusOr<SqlRows> updated = conn.Query(
          "UPDATE cases SET state = ?, destination = ?, updated_at = ? "
          "WHERE id = ? AND state = ? RETURNING id",
          {std::string(state), std::string(destination), std::string(now),
           case_id, current});
      if (!updated.ok()) {
        return updated.status();
      }
      if (updated->empty()) {
        return absl::AbortedError("state changed meanwhile");
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
  absl::StatusOr<std::vector<NamedEntry>> ListNamed(std::string_view sql) {
    absl::StatusOr<SqlRows> rows = Read(sql, {});
    if (!rows.ok()) {
      return rows.status();
    }
    std::vector<NamedEntry> entries;
    for (const SqlRow& row : *rows) {
      entries.push_back(NamedEntry{Text(row[0]), Text(row[1])});
    }
    return entries;
  }

  // Ends the sessions of account `name`, then runs `sql` with (`value` if
  // any, then) its id. NotFound for an unknown account.
  absl::Status ChangeUser(std::string_view name, std::string_view sql,
                          const std::optional<std::string>& value) {
    return InWriteTransaction([&](SqlConnection& conn) -> absl::Status {
      absl::StatusOr<SqlRows> rows = conn.Query(
          "SELECT id FROM users WHERE name = ?", {std::string(name)});
      if (!rows.ok()) {
        return rows.status();
      }
      if (rows->empty()) {
        return absl::NotFoundError("no such user");
      }
      const int64_t id = Int(rows->front()[0]);
      absl::StatusOr<SqlRows> ended =
          conn.Query("DELETE FROM sessions WHERE user_id = ?", {id});
      if (!ended.ok()) {
        return ended.status();
      }
      std::vector<SqlValue> params;
      if (value) {
        params.emplace_back(*value);
      }
      params.emplace_back(id);
      return conn.Query(sql, params).status();
    });
  }

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
    const std::string flagged = Earlier(report.reported_at, now);
    absl::StatusOr<int64_t> case_id = QueryInt(
        conn,
        "INSERT INTO cases (comment_key, platform, url, author, text, "
        "reason, state, destination, report_count, first_reported_at, "
        "last_reported_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'nouveau', '', 1, ?, ?, ?) "
        "ON CONFLICT (comment_key) DO UPDATE SET "
        "report_count = cases.report_count + 1, "
        "first_reported_at = CASE WHEN excluded.first_reported_at < "
        "cases.first_reported_at THEN excluded.first_reported_at "
        "ELSE cases.first_reported_at END, "
        "last_reported_at = CASE WHEN excluded.last_reported_at > "
        "cases.last_reported_at THEN excluded.last_reported_at "
        "ELSE cases.last_reported_at END, "
        "updated_at = excluded.updated_at "
        "RETURNING id",
        {CommentKey(report), report.platform, report.url, report.author,
         report.text, report.reason, flagged, flagged, now});
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
