#include "inbox_api_fixture.h"

#include "absl/strings/ascii.h"

namespace vigie::inbox::testing {

using nlohmann::json;

json ParseObject(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  return parsed.is_object() ? parsed : json::object();
}

void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::kSqlite ? "SQLite" : "PostgreSQL");
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "SQLite" : "PostgreSQL";
}

void InboxApiTest::SetUp() {
  if (GetParam() == Backend::kPostgres) {
    postgres_ = std::make_unique<PostgresCluster>();
    if (!postgres_->ok()) {
      if (PostgresRequired()) {
        FAIL() << postgres_->error();
      }
      GTEST_SKIP() << "PostgreSQL unavailable: " << postgres_->error();
    }
    db_ = postgres_->Uri();
  } else {
    db_ = "sqlite:" + dir_.path() + "/inbox.db";
  }
  CommandResult token = RunInbox({"token", "add", "chu-nantes", "--db", db_});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  token_ = std::string(absl::StripAsciiWhitespace(token.out));
  CommandResult user =
      RunInbox({"user", "add", "alice", "--password-stdin", "--db", db_},
               std::string(kPassword) + "\n");
  ASSERT_EQ(user.exit_code, 0) << user.err;
  StartServer();
}

void InboxApiTest::TearDown() { server_.reset(); }

void InboxApiTest::StartServer(const std::vector<std::string>& extra_args) {
  server_.reset();
  server_ = std::make_unique<ServerProcess>(db_, extra_args);
  ASSERT_TRUE(server_->ok()) << server_->output();
}

httplib::Client InboxApiTest::Client() const {
  httplib::Client client("127.0.0.1", server_->port());
  client.set_connection_timeout(30);
  client.set_read_timeout(60);
  return client;
}

httplib::Result InboxApiTest::PostReport(const json& body,
                                         const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) {
    headers.emplace("Authorization", "Bearer " + token);
  }
  return Client().Post("/api/v1/reports", headers, body.dump(),
                       "application/json");
}

SignedIn InboxApiTest::SignIn(const std::string& name,
                              const std::string& password) {
  httplib::Result res = Client().Post(
      "/api/v1/session", json({{"name", name}, {"password", password}}).dump(),
      "application/json");
  SignedIn session;
  if (!res || res->status != 200) {
    return session;
  }
  const std::string cookie = res->get_header_value("Set-Cookie");
  session.cookie = cookie.substr(0, cookie.find(';'));
  session.csrf = ParseObject(res->body).value("csrf", "");
  return session;
}

httplib::Result InboxApiTest::Get(const std::string& path,
                                  const SignedIn& session) {
  httplib::Headers headers;
  if (!session.cookie.empty()) {
    headers.emplace("Cookie", session.cookie);
  }
  return Client().Get(path, headers);
}

httplib::Result InboxApiTest::Change(const std::string& path, const json& body,
                                     const SignedIn& session,
                                     const std::string& csrf) {
  httplib::Headers headers = {{"Cookie", session.cookie}};
  if (!csrf.empty()) {
    headers.emplace("X-CSRF-Token", csrf);
  }
  return Client().Post(path, headers, body.dump(), "application/json");
}

json InboxApiTest::Cases(const SignedIn& session, const std::string& query) {
  httplib::Result res =
      Get("/api/v1/cases" + (query.empty() ? "" : "?" + query), session);
  if (!res || res->status != 200) {
    return json::array();
  }
  return ParseObject(res->body).value("cases", json::array());
}

INSTANTIATE_TEST_SUITE_P(Databases, InboxApiTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         BackendName);

}  // namespace vigie::inbox::testing
