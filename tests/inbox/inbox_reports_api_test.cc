// POST /api/v1/reports as the extension uses it: new, repeated, invalid,
// unauthenticated and oversized reports, on SQLite and PostgreSQL.
#include <string>
#include <utility>
#include <vector>

#include "inbox_api_fixture.h"

namespace vigie::inbox::testing {
namespace {

using nlohmann::json;

TEST_P(InboxApiTest, NewReportIs201AndRepeatedIdIs200WithoutDuplicate) {
  const json report = ValidReport();
  httplib::Result first = PostReport(report);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 201) << first->body;
  httplib::Result again = PostReport(report);  // The extension's retry.
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(ParseObject(again->body).value("id", ""), report["id"]);

  const json cases = Cases(SignIn());
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["report_count"], 1);
  EXPECT_EQ(cases[0]["text"], report["text"]);
  EXPECT_EQ(cases[0]["state"], "nouveau");
}

TEST_P(InboxApiTest, SameCommentFromTwoColleaguesIsListedOnceWithItsCount) {
  json first = ValidReport();
  first["reporter"] = "claire.dupont";
  json second = ValidReport();  // Same comment, another report id.
  second["reporter"] = "marc.leroy";
  second["reason"] = "secret_medical";
  json other = ValidReport();
  other["url"] = "https://x.com/someone/status/123";
  other["platform"] = "x";
  for (const json& report : {first, second, other}) {
    httplib::Result res = PostReport(report);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
  }
  const SignedIn session = SignIn();
  const json cases = Cases(session);
  ASSERT_EQ(cases.size(), 2u);
  const json& grouped =
      cases[0]["platform"] == "facebook" ? cases[0] : cases[1];
  EXPECT_EQ(grouped["report_count"], 2);

  httplib::Result detail =
      Get("/api/v1/cases/" + grouped["id"].dump(), session);
  ASSERT_TRUE(detail);
  const json reports = ParseObject(detail->body).value("reports", json());
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0]["reporter"], "claire.dupont");
  EXPECT_EQ(reports[1]["reporter"], "marc.leroy");
}

TEST_P(InboxApiTest, InvalidReportsAre400NamingTheFieldAndStoreNothing) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"id", json("pas-un-uuid")},
      {"platform", json("myspace")},
      {"url", json("javascript:alert(1)")},
      {"author", json("Jean\u0007Martin")},
      {"text", json("   ")},
      {"text", json(std::string(10001, 'a'))},
      {"text", json(42)},
      {"reason", json("spam")},
      {"note", json::array()},
      {"reported_at", json("hier soir")},
      {"reported_at", json("2026-02-30T10:00:00Z")},
      {"reporter", json(true)},
  };
  for (const auto& [field, value] : cases) {
    json report = ValidReport();
    report[field] = value;
    httplib::Result res = PostReport(report);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << field << " = " << value.dump();
    EXPECT_EQ(ParseObject(res->body).value("field", ""), field) << res->body;
    EXPECT_FALSE(ParseObject(res->body).value("error", "").empty());
  }
  json missing = ValidReport();
  missing.erase("reported_at");
  httplib::Result res = PostReport(missing);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ParseObject(res->body).value("field", ""), "reported_at");

  json unknown = ValidReport();
  unknown["password"] = "x";
  res = PostReport(unknown);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ParseObject(res->body).value("field", ""), "password");

  for (const std::string body :
       {"{\"id\": ", "[1,2,3]", "\"texte\"", "{\"text\": \"\xff\xfe\"}"}) {
    res = Client().Post("/api/v1/reports",
                        {{"Authorization", "Bearer " + token_}}, body,
                        "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
  }
  EXPECT_TRUE(Cases(SignIn()).empty());
}

TEST_P(InboxApiTest, ReportWithoutValidTokenIs401AndStoresNothing) {
  httplib::Result none = PostReport(ValidReport(), "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  httplib::Result wrong = PostReport(ValidReport(), token_ + "x");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  httplib::Result basic =
      Client().Post("/api/v1/reports", {{"Authorization", "Basic " + token_}},
                    ValidReport().dump(), "application/json");
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->status, 401);
  EXPECT_TRUE(Cases(SignIn()).empty());
}

TEST_P(InboxApiTest, OversizedReportIs413AndStoresNothing) {
  json report = ValidReport();
  report["text"] = std::string(size_t{70} * 1024, 'a');
  httplib::Result res = PostReport(report);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_TRUE(Cases(SignIn()).empty());
  // The server is still there for the next, normal report.
  httplib::Result next = PostReport(ValidReport());
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 201);
}

// The extension's background posts cross-origin (its host permissions cover
// only the three sites): the preflight and every answer, errors included, must
// be readable from any origin, or a refusal would look like a network failure
// and be retried forever.
TEST_P(InboxApiTest, ReportsApiAnswersCorsPreflightAndErrorsFromAnyOrigin) {
  const httplib::Headers preflight = {
      {"Origin", "chrome-extension://hblomnafgmihafbnembipjpfelnjflpf"},
      {"Access-Control-Request-Method", "POST"},
      {"Access-Control-Request-Headers", "authorization,content-type"}};
  httplib::Result options = Client().Options("/api/v1/reports", preflight);
  ASSERT_TRUE(options);
  EXPECT_EQ(options->status, 204);
  EXPECT_EQ(options->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(options->get_header_value("Access-Control-Allow-Methods"), "POST");
  const std::string allowed =
      options->get_header_value("Access-Control-Allow-Headers");
  EXPECT_NE(allowed.find("Authorization"), std::string::npos) << allowed;
  EXPECT_NE(allowed.find("Content-Type"), std::string::npos) << allowed;
  // No credentials: "*" never exposes the UI's session cookie.
  EXPECT_FALSE(options->has_header("Access-Control-Allow-Credentials"));

  json oversized = ValidReport();
  oversized["text"] = std::string(size_t{70} * 1024, 'a');
  json invalid = ValidReport();
  invalid["reason"] = "spam";
  std::vector<std::pair<int, httplib::Result>> answers;
  answers.emplace_back(201, PostReport(ValidReport()));
  answers.emplace_back(400, PostReport(invalid));
  answers.emplace_back(401, PostReport(ValidReport(), token_ + "x"));
  answers.emplace_back(413, PostReport(oversized));
  for (const auto& [status, res] : answers) {
    ASSERT_TRUE(res) << status;
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*")
        << status;
    // Exactly once: browsers refuse "*, *".
    EXPECT_EQ(res->get_header_value_count("Access-Control-Allow-Origin"), 1u)
        << status;
  }
}

}  // namespace
}  // namespace vigie::inbox::testing
