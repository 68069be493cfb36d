// The server's life: migrations at start, a report acknowledged survives
// kill -9, SIGTERM stops it cleanly, the rule-pack folder is served.
#include <signal.h>
#include <sqlite3.h>

#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "inbox_api_fixture.h"

namespace vigie::inbox::testing {
namespace {

using nlohmann::json;

// The schema versions recorded in the database, e.g. "1,2".
std::string AppliedMigrations(const std::string& db,
                              const PostgresCluster* postgres) {
  const std::string sql =
      "SELECT string_agg(version::text, ',' ORDER BY version) "
      "FROM schema_migrations";
  if (postgres != nullptr) {
    std::string out;
    if (!postgres->Psql(sql, "postgres", &out)) {
      return "error: " + out;
    }
    while (!out.empty() && out.back() == '\n') {
      out.pop_back();
    }
    return out;
  }
  sqlite3* handle = nullptr;
  std::string result = "error";
  if (sqlite3_open_v2(db.substr(7).c_str(), &handle, SQLITE_OPEN_READONLY,
                      nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle,
                           "SELECT group_concat(version, ',') FROM "
                           "(SELECT version FROM schema_migrations ORDER BY "
                           "version)",
                           -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      result = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return result;
}

// Runs SQL statements on the test's database, behind the server's back.
bool RunSql(const std::string& db, const PostgresCluster* postgres,
            const std::string& sql) {
  if (postgres != nullptr) {
    return postgres->Psql(sql);
  }
  sqlite3* handle = nullptr;
  bool ok =
      sqlite3_open(db.substr(7).c_str(), &handle) == SQLITE_OK &&
      sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(handle);
  return ok;
}

TEST_P(InboxApiTest, AcknowledgedReportSurvivesKill9RightAfter) {
  const json report = ValidReport();
  httplib::Result res = PostReport(report);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  EXPECT_EQ(server_->Stop(SIGKILL), 128 + SIGKILL);

  StartServer();
  // The extension retrying after the crash is told it was already stored.
  httplib::Result retry = PostReport(report);
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200);
  const json cases = Cases(SignIn());
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["text"], report["text"]);
}

TEST_P(InboxApiTest, SigtermStopsTheServerCleanly) {
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  EXPECT_EQ(server_->Stop(SIGTERM), 0) << server_->output();
  EXPECT_TRUE(absl::StrContains(server_->output(), "arrêté proprement"))
      << server_->output();
  StartServer();
  EXPECT_EQ(Cases(SignIn()).size(), 1u);
}

TEST_P(InboxApiTest, MigrationsAreAppliedAtStartAndOnlyOnce) {
  const PostgresCluster* postgres = postgres_.get();
  EXPECT_EQ(AppliedMigrations(db_, postgres), "1,2,3");
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  StartServer();
  EXPECT_EQ(AppliedMigrations(db_, postgres), "1,2,3");
  EXPECT_EQ(Cases(SignIn()).size(), 1u);
}

TEST_P(InboxApiTest, Migration3DatesExistingCasesWhenTheyWereFlagged) {
  json late = ValidReport();
  late["reported_at"] = "2026-11-19T08:15:00+01:00";
  ASSERT_EQ(PostReport(late)->status, 201);
  server_->Stop(SIGTERM);
  // Back to what version 2 stored: the reception time, schema at 2.
  ASSERT_TRUE(RunSql(db_, postgres_.get(),
                     "UPDATE cases SET first_reported_at = "
                     "'2026-11-29T09:26:00.000Z', last_reported_at = "
                     "'2026-11-29T09:26:00.000Z'"));
  ASSERT_TRUE(RunSql(db_, postgres_.get(),
                     "DELETE FROM schema_migrations WHERE version = 3"));
  ASSERT_TRUE(RunSql(db_, postgres_.get(), "DROP INDEX reports_by_reason"));
  StartServer();
  EXPECT_EQ(AppliedMigrations(db_, postgres_.get()), "1,2,3");
  const json cases = Cases(SignIn());
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["first_reported_at"], "2026-11-19T07:15:00.000Z");
  EXPECT_EQ(cases[0]["last_reported_at"], "2026-11-19T07:15:00.000Z");
}

TEST_P(InboxApiTest, DatabaseFromANewerVigieIsRefusedAtStart) {
  server_->Stop(SIGTERM);
  const std::string insert =
      "INSERT INTO schema_migrations (version, applied_at) "
      "VALUES (99, '2030-01-01T00:00:00.000Z')";
  ASSERT_TRUE(RunSql(db_, postgres_.get(), insert));
  ServerProcess refused(db_);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.Stop(SIGTERM), 2);
  EXPECT_TRUE(absl::StrContains(refused.output(), "newer than this vigie"))
      << refused.output();
}

TEST(InboxServeTest, FirstStartSaysHowToCreateTheFirstAccount) {
  TempDir dir;
  ServerProcess server("sqlite:" + dir.path() + "/inbox.db");
  ASSERT_TRUE(server.ok()) << server.output();
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  EXPECT_TRUE(absl::StrContains(server.output(), "vigie inbox user add"))
      << server.output();
}

TEST(InboxServeTest, ServesThePublishedRulePackFolder) {
  TempDir dir;
  const std::string packs = dir.path() + "/packs";
  ASSERT_EQ(std::system(("mkdir -p " + packs).c_str()), 0);
  std::ofstream(packs + "/chu-nantes.json") << "{\"version\": 7}\n";
  ServerProcess server("sqlite:" + dir.path() + "/inbox.db",
                       {"--packs", packs});
  ASSERT_TRUE(server.ok()) << server.output();
  httplib::Client client("127.0.0.1", server.port());
  httplib::Result pack = client.Get("/packs/chu-nantes.json");
  ASSERT_TRUE(pack);
  EXPECT_EQ(pack->status, 200);
  EXPECT_EQ(pack->body, "{\"version\": 7}\n");
  // Public and signed: the extension's pack updater reads it from its origin.
  EXPECT_EQ(pack->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(pack->get_header_value_count("Access-Control-Allow-Origin"), 1u);
  for (const char* escape : {"/packs/../inbox.db", "/packs/%2e%2e/inbox.db",
                             "/packs/.hidden", "/packs/"}) {
    httplib::Result res = client.Get(escape);
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 200) << escape;
    EXPECT_EQ(res->body.find("SQLite"), std::string::npos) << escape;
  }
  // A pack published after the server started is served too.
  std::ofstream(packs + "/chu-nantes.sig") << "signature";
  httplib::Result late = client.Get("/packs/chu-nantes.sig");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->body, "signature");
}

}  // namespace
}  // namespace vigie::inbox::testing
