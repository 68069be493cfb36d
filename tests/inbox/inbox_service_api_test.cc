// What the communication service does through the web UI's API: sign in,
// list, move a case through its states, add notes, export; and what protects
// it (sessions, sign-in throttling, CSRF, inert comment text, CSP).
#include <string>

#include "absl/strings/match.h"
#include "inbox_api_fixture.h"

namespace vigie::inbox::testing {
namespace {

using nlohmann::json;

TEST_P(InboxApiTest, InboxDataNeedsASignedInSession) {
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  for (const std::string path : {"/api/v1/cases", "/api/v1/cases/1",
                                 "/api/v1/export.csv", "/api/v1/session"}) {
    httplib::Result res = Get(path, SignedIn{});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_EQ(res->body.find("Jean Martin"), std::string::npos) << path;
  }
  httplib::Result forged = Get("/api/v1/cases", {"vigie_session=forged", ""});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  EXPECT_TRUE(SignIn("alice", "wrong password").cookie.empty());
}

TEST_P(InboxApiTest, SessionCookieIsHttpOnlyAndSameSite) {
  httplib::Result res =
      Client().Post("/api/v1/session",
                    json({{"name", "alice"}, {"password", kPassword}}).dump(),
                    "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_TRUE(absl::StrContains(cookie, "HttpOnly")) << cookie;
  EXPECT_TRUE(absl::StrContains(cookie, "SameSite=Strict")) << cookie;
  // Signing out ends the session for good.
  const SignedIn session = SignIn();
  httplib::Result out = Client().Delete(
      "/api/v1/session",
      {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_EQ(Get("/api/v1/cases", session)->status, 401);
}

TEST_P(InboxApiTest, SignInIsThrottledAfterRepeatedFailures) {
  CommandResult bob =
      RunInbox({"user", "add", "bob", "--password-stdin", "--db", db_},
               "another long password\n");
  ASSERT_EQ(bob.exit_code, 0) << bob.err;
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(SignIn("alice", "guess " + std::to_string(i)).cookie.empty());
  }
  // Now even the right password is refused for a while, with a reason.
  httplib::Result res =
      Client().Post("/api/v1/session",
                    json({{"name", "alice"}, {"password", kPassword}}).dump(),
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_TRUE(res->has_header("Retry-After"));
  EXPECT_TRUE(absl::StrContains(ParseObject(res->body).value("error", ""),
                                "Trop de tentatives"));
  // A colleague is not locked out by someone guessing alice's password.
  EXPECT_FALSE(SignIn("bob", "another long password").cookie.empty());
}

TEST_P(InboxApiTest, ChangesWithoutTheCsrfTokenAreRefused) {
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  const SignedIn session = SignIn();
  const std::string id = Cases(session)[0]["id"].dump();
  const std::string path = "/api/v1/cases/" + id + "/state";
  const json body = {{"state", "en_cours"}};
  EXPECT_EQ(Change(path, body, session, "")->status, 403);
  EXPECT_EQ(Change(path, body, session, session.csrf + "x")->status, 403);
  httplib::Result cross_site =
      Client().Post(path,
                    {{"Cookie", session.cookie},
                     {"X-CSRF-Token", session.csrf},
                     {"Origin", "https://evil.example"}},
                    body.dump(), "application/json");
  ASSERT_TRUE(cross_site);
  EXPECT_EQ(cross_site->status, 403);
  EXPECT_EQ(Cases(session)[0]["state"], "nouveau");

  httplib::Result ok = Change(path, body, session, session.csrf);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(Cases(session)[0]["state"], "en_cours");
}

TEST_P(InboxApiTest, CaseMovesThroughStatesWithNotesAndWhoDidWhat) {
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  const SignedIn session = SignIn();
  const std::string base = "/api/v1/cases/" + Cases(session)[0]["id"].dump();
  // Not allowed: a new case cannot be "traité" before someone takes it.
  httplib::Result skip =
      Change(base + "/state", {{"state", "traite"}}, session, session.csrf);
  ASSERT_TRUE(skip);
  EXPECT_EQ(skip->status, 409);
  EXPECT_EQ(
      Change(base + "/state", {{"state", "en_cours"}}, session, session.csrf)
          ->status,
      200);
  httplib::Result note =
      Change(base + "/notes", {{"text", "Appelé la direction, en attente."}},
             session, session.csrf);
  ASSERT_TRUE(note);
  EXPECT_EQ(note->status, 201) << note->body;
  EXPECT_EQ(
      Change(base + "/state", {{"state", "transmis"}}, session, session.csrf)
          ->status,
      400);  // Handing on needs a direction.
  httplib::Result handed = Change(
      base + "/state",
      {{"state", "transmis"}, {"destination", "direction_ressources_humaines"}},
      session, session.csrf);
  ASSERT_TRUE(handed);
  ASSERT_EQ(handed->status, 200) << handed->body;

  const json detail = ParseObject(Get(base, session)->body);
  EXPECT_EQ(detail["state"], "transmis");
  EXPECT_EQ(detail["destination"], "direction_ressources_humaines");
  const json& history = detail["history"];
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0]["kind"], "signalement");
  EXPECT_EQ(history[1]["detail"], "en_cours");
  EXPECT_EQ(history[1]["actor"], "alice");
  EXPECT_EQ(history[2]["detail"], "Appelé la direction, en attente.");
  EXPECT_EQ(history[3]["detail"], "transmis:direction_ressources_humaines");
  for (const json& event : history) {
    EXPECT_FALSE(event["at"].get<std::string>().empty());
  }

  httplib::Result csv = Get("/api/v1/export.csv?etat=transmis", session);
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_TRUE(absl::StrContains(csv->get_header_value("Content-Disposition"),
                                "attachment"));
  EXPECT_TRUE(
      absl::StrContains(csv->body, "Direction des ressources humaines"));
  EXPECT_TRUE(
      absl::StrContains(csv->body, "Le docteur Durand est un incapable"));
}

TEST_P(InboxApiTest, ListFiltersByStateReasonPlatformAndDate) {
  json x = ValidReport();
  x["platform"] = "x";
  x["url"] = "https://x.com/a/status/9";
  x["reason"] = "secret_medical";
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  ASSERT_EQ(PostReport(x)->status, 201);
  const SignedIn session = SignIn();
  EXPECT_EQ(Cases(session).size(), 2u);
  EXPECT_EQ(Cases(session, "plateforme=x").size(), 1u);
  EXPECT_EQ(Cases(session, "motif=secret_medical").size(), 1u);
  EXPECT_EQ(Cases(session, "etat=traite").size(), 0u);
  EXPECT_EQ(Cases(session, "au=2000-01-01").size(), 0u);
  EXPECT_EQ(Cases(session, "du=2000-01-01").size(), 2u);
  httplib::Result bad = Get("/api/v1/cases?du=demain", session);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(ParseObject(bad->body).value("field", ""), "du");
}

TEST_P(InboxApiTest, ScriptInACommentStaysTextAndPagesForbidInlineScripts) {
  json report = ValidReport();
  const std::string hostile =
      "<script>alert('xss')</script><img src=x onerror=alert(1)>";
  report["text"] = hostile;
  report["author"] = "=HYPERLINK(\"http://evil\")";
  ASSERT_EQ(PostReport(report)->status, 201);
  const SignedIn session = SignIn();
  httplib::Result detail =
      Get("/api/v1/cases/" + Cases(session)[0]["id"].dump(), session);
  ASSERT_TRUE(detail);
  EXPECT_TRUE(absl::StartsWith(detail->get_header_value("Content-Type"),
                               "application/json"));
  EXPECT_EQ(ParseObject(detail->body)["text"], hostile);

  httplib::Result page = Client().Get("/");
  ASSERT_TRUE(page);
  const std::string csp = page->get_header_value("Content-Security-Policy");
  EXPECT_TRUE(absl::StrContains(csp, "script-src 'self'")) << csp;
  EXPECT_FALSE(absl::StrContains(csp, "unsafe-inline")) << csp;
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");

  // A spreadsheet opening the export must not run the author as a formula.
  httplib::Result csv = Get("/api/v1/export.csv", session);
  ASSERT_TRUE(csv);
  EXPECT_TRUE(absl::StrContains(csv->body, "'=HYPERLINK")) << csv->body;
}

}  // namespace
}  // namespace vigie::inbox::testing
