#include "migrations.h"

namespace vigie::inbox {
namespace {

// Times are ISO 8601 UTC text ("2026-11-28T16:56:06.123Z"): they sort as
// strings and read the same in both databases.
constexpr std::string_view kSqliteV1 = R"sql(
CREATE TABLE deployment_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  comment_key TEXT NOT NULL UNIQUE,
  platform TEXT NOT NULL,
  url TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  destination TEXT NOT NULL,
  report_count INTEGER NOT NULL,
  first_reported_at TEXT NOT NULL,
  last_reported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  platform TEXT NOT NULL,
  url TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  reporter TEXT,
  token_name TEXT NOT NULL,
  received_at TEXT NOT NULL);
CREATE INDEX reports_by_case ON reports(case_id);
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL);
CREATE INDEX case_events_by_case ON case_events(case_id);
)sql";

constexpr std::string_view kPostgresV1 = R"sql(
CREATE TABLE deployment_tokens (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL);
CREATE TABLE users (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL);
CREATE TABLE cases (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_key TEXT NOT NULL UNIQUE,
  platform TEXT NOT NULL,
  url TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  destination TEXT NOT NULL,
  report_count BIGINT NOT NULL,
  first_reported_at TEXT NOT NULL,
  last_reported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  platform TEXT NOT NULL,
  url TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  reporter TEXT,
  token_name TEXT NOT NULL,
  received_at TEXT NOT NULL);
CREATE INDEX reports_by_case ON reports(case_id);
CREATE TABLE case_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL);
CREATE INDEX case_events_by_case ON case_events(case_id);
)sql";

// v2: the list is read newest first, often filtered by state.
constexpr std::string_view kV2 = R"sql(
CREATE INDEX cases_by_last_report ON cases(last_reported_at);
CREATE INDEX cases_by_state ON cases(state, last_reported_at);
)sql";

// v3: a case's dates become when staff flagged it (reported_at), capped by
// when the server received it, instead of the reception time alone. Existing
// cases are recomputed from their reports, so late deliveries move back to
// the day they were flagged.
constexpr std::string_view kV3 = R"sql(
UPDATE cases SET
  first_reported_at = (
    SELECT MIN(CASE WHEN r.reported_at < r.received_at THEN r.reported_at
                    ELSE r.received_at END)
    FROM reports r WHERE r.case_id = cases.id),
  last_reported_at = (
    SELECT MAX(CASE WHEN r.reported_at < r.received_at THEN r.reported_at
                    ELSE r.received_at END)
    FROM reports r WHERE r.case_id = cases.id)
WHERE EXISTS (SELECT 1 FROM reports r WHERE r.case_id = cases.id);
CREATE INDEX reports_by_reason ON reports(reason, case_id);
)sql";

}  // namespace

const std::vector<Migration>& MigrationsFor(SqlDialect dialect) {
  static const auto* const kSqlite =
      new std::vector<Migration>{{1, kSqliteV1}, {2, kV2}, {3, kV3}};
  static const auto* const kPostgres =
      new std::vector<Migration>{{1, kPostgresV1}, {2, kV2}, {3, kV3}};
  return dialect == SqlDialect::kSqlite ? *kSqlite : *kPostgres;
}

}  // namespace vigie::inbox
