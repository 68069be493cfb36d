// A running inbox (real server, real database) with one deployment token and
// one account, for the API tests. Parameterised by database.
#ifndef VIGIE_TESTS_INBOX_INBOX_API_FIXTURE_H_
#define VIGIE_TESTS_INBOX_INBOX_API_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <ostream>
#include <string>

#include "inbox_test_support.h"
#include "nlohmann/json.hpp"

namespace vigie::inbox::testing {

enum class Backend { kSqlite, kPostgres };

// How test names and failures show a Backend.
void PrintTo(Backend backend, std::ostream* out);

// The JSON object in `body`, or an empty object (never aborts).
nlohmann::json ParseObject(const std::string& body);

std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

inline constexpr char kPassword[] = "correct horse battery staple";

struct SignedIn {
  std::string cookie;  // "vigie_session=..."
  std::string csrf;
};

class InboxApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // (Re)starts the server on the same database.
  void StartServer(const std::vector<std::string>& extra_args = {});

  httplib::Client Client() const;
  httplib::Result PostReport(const nlohmann::json& body,
                             const std::string& token);
  httplib::Result PostReport(const nlohmann::json& body) {
    return PostReport(body, token_);
  }
  // Signs in through the API; empty cookie when refused.
  SignedIn SignIn(const std::string& name = "alice",
                  const std::string& password = kPassword);
  httplib::Result Get(const std::string& path, const SignedIn& session);
  httplib::Result Change(const std::string& path, const nlohmann::json& body,
                         const SignedIn& session, const std::string& csrf);
  // The case list as the signed-in UI sees it.
  nlohmann::json Cases(const SignedIn& session, const std::string& query = "");

  TempDir dir_;
  std::unique_ptr<PostgresCluster> postgres_;
  std::string db_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace vigie::inbox::testing

#endif  // VIGIE_TESTS_INBOX_INBOX_API_FIXTURE_H_
