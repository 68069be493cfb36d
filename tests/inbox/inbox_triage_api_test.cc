// What the communication service needs with hundreds of flags: pages with
// the true total, a text search, the date filter in Paris days, every reason
// of a case, dates of when staff flagged, and a state change from an
// out-of-date page refused with the current state.
#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "inbox_api_fixture.h"

namespace vigie::inbox::testing {
namespace {

using nlohmann::json;

// A report of its own comment (its own case), flagged at `reported_at`.
json ReportOf(const std::string& text,
              const std::string& reported_at = "2026-11-28T10:15:00+01:00") {
  json report = ValidReport();
  report["text"] = text;
  report["reported_at"] = reported_at;
  return report;
}

TEST_P(InboxApiTest, ListComesInPagesOf50WithTheTrueTotalPast500) {
  for (int i = 0; i < 510; ++i) {
    // Seconds apart, so the newest-first order is known.
    const std::string at =
        absl::StrFormat("2026-11-28T10:%02d:%02d+01:00", i / 60, i % 60);
    ASSERT_EQ(PostReport(ReportOf(absl::StrCat("Commentaire ", i), at))->status,
              201);
  }
  const SignedIn session = SignIn();
  const json first = ParseObject(Get("/api/v1/cases", session)->body);
  EXPECT_EQ(first["total"], 510);
  EXPECT_EQ(first["offset"], 0);
  EXPECT_EQ(first["page_size"], 50);
  ASSERT_EQ(first["cases"].size(), 50u);
  EXPECT_EQ(first["cases"][0]["text"], "Commentaire 509");
  const json last = ParseObject(Get("/api/v1/cases?page=11", session)->body);
  EXPECT_EQ(last["total"], 510);
  EXPECT_EQ(last["offset"], 500);
  ASSERT_EQ(last["cases"].size(), 10u);
  EXPECT_EQ(last["cases"][9]["text"], "Commentaire 0");
  EXPECT_EQ(Cases(session, "page=12").size(), 0u);
  for (const char* bad : {"page=0", "page=-1", "page=deux"}) {
    httplib::Result res = Get(absl::StrCat("/api/v1/cases?", bad), session);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad;
    EXPECT_EQ(ParseObject(res->body).value("field", ""), "page") << bad;
  }
  // The export is never cut: a header line and every case.
  const std::string csv = Get("/api/v1/export.csv", session)->body;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 511);
  EXPECT_TRUE(absl::StrContains(csv, ";Commentaire 0;"));
}

TEST_P(InboxApiTest, SearchFindsTheCommentAnAuthorOrANoteWhateverTheCase) {
  json insult = ReportOf("Le docteur Durand est un INCAPABLE");
  json by_author = ReportOf("Rien à signaler ici");
  by_author["author"] = "Sophie Quelquechose";
  json with_note = ReportOf("Un autre commentaire");
  with_note["note"] = "Vu aussi sur le groupe des parents";
  json percent = ReportOf("Remise de 100% sur les soins");
  for (const json& report : {insult, by_author, with_note, percent}) {
    ASSERT_EQ(PostReport(report)->status, 201);
  }
  const SignedIn session = SignIn();
  const auto texts = [&](const std::string& query) {
    std::string found;
    for (const json& c : Cases(session, query)) {
      absl::StrAppend(&found, c["text"].get<std::string>(), "|");
    }
    return found;
  };
  EXPECT_EQ(texts("q=incapable"), "Le docteur Durand est un INCAPABLE|");
  EXPECT_EQ(texts("q=quelquechose"), "Rien à signaler ici|");
  EXPECT_EQ(texts("q=groupe%20des%20PARENTS"), "Un autre commentaire|");
  EXPECT_EQ(texts("q=100%25"), "Remise de 100% sur les soins|");
  EXPECT_EQ(texts("q=%25"), "Remise de 100% sur les soins|");  // % is text.
  EXPECT_EQ(texts("q=introuvable"), "");
  // Staff notes too, and the search combines with the other filters.
  const std::string id = Cases(session, "q=incapable")[0]["id"].dump();
  ASSERT_EQ(Change("/api/v1/cases/" + id + "/notes",
                   {{"text", "Plainte déposée par le Dr Durand"}}, session,
                   session.csrf)
                ->status,
            201);
  EXPECT_EQ(texts("q=plainte"), "Le docteur Durand est un INCAPABLE|");
  EXPECT_EQ(texts("q=plainte&etat=rejete"), "");
  EXPECT_EQ(ParseObject(Get("/api/v1/cases?q=plainte", session)->body)["total"],
            1);
  httplib::Result csv = Get("/api/v1/export.csv?q=plainte", session);
  EXPECT_TRUE(absl::StrContains(csv->body, "INCAPABLE"));
  EXPECT_FALSE(absl::StrContains(csv->body, "Rien à signaler"));
  for (const std::string& bad :
       {std::string(201, 'a'), std::string("%FF"), std::string("a%0Ab")}) {
    httplib::Result res = Get("/api/v1/cases?q=" + bad, session);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad;
    EXPECT_EQ(ParseObject(res->body).value("field", ""), "q") << bad;
  }
}

TEST_P(InboxApiTest, DateFilterMeansParisDaysOrTheInstantsThePageSends) {
  // 00:30 on 29 November in Paris is still 28 November in UTC.
  ASSERT_EQ(PostReport(ReportOf("Juste après minuit", "2026-11-28T23:30:00Z"))
                ->status,
            201);
  const SignedIn session = SignIn();
  EXPECT_EQ(Cases(session, "du=2026-11-29&au=2026-11-29").size(), 1u);
  EXPECT_EQ(Cases(session, "du=2026-11-28&au=2026-11-28").size(), 0u);
  // What the page sends: the user's own midnights, as instants.
  EXPECT_EQ(
      Cases(session,
            "du=2026-11-29T00:00:00%2B01:00&au=2026-11-30T00:00:00%2B01:00")
          .size(),
      1u);
  EXPECT_EQ(
      Cases(session,
            "du=2026-11-28T00:00:00%2B01:00&au=2026-11-29T00:00:00%2B01:00")
          .size(),
      0u);
  // Summer time: midnight is 22:00 UTC the day before.
  ASSERT_EQ(PostReport(ReportOf("En été", "2026-07-14T22:30:00Z"))->status,
            201);
  EXPECT_EQ(Cases(session, "du=2026-07-15&au=2026-07-15").size(), 1u);
  httplib::Result bad = Get("/api/v1/cases?au=2026-13-01", session);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(ParseObject(bad->body).value("field", ""), "au");
}

TEST_P(InboxApiTest, CsvHasParisTimesAndFrenchHeaders) {
  ASSERT_EQ(PostReport(ReportOf("Juste après minuit", "2026-11-27T23:42:00Z"))
                ->status,
            201);
  const std::string csv = Get("/api/v1/export.csv", SignIn())->body;
  EXPECT_TRUE(absl::StrContains(
      csv,
      "N° de signalement;État;Transmis à;Motif;Plateforme;Lien;Auteur;"
      "Commentaire;Nombre de fois signalé;"))
      << csv;
  EXPECT_TRUE(absl::StrContains(csv, ";2026-11-28 00:42;2026-11-28 00:42\r\n"))
      << csv;
}

TEST_P(InboxApiTest, CaseShowsEveryReasonAndIsFoundByAnyOfThem) {
  for (const char* reason :
       {"verification_sources", "verification_sources", "diffamation_injure"}) {
    json report = ValidReport();
    report["reason"] = reason;
    ASSERT_EQ(PostReport(report)->status, 201);
  }
  const SignedIn session = SignIn();
  const json found = Cases(session, "motif=diffamation_injure");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["reasons"],
            json::parse(R"([{"reason":"verification_sources","count":2},
                            {"reason":"diffamation_injure","count":1}])"));
  EXPECT_EQ(Cases(session, "motif=verification_sources").size(), 1u);
  EXPECT_EQ(Cases(session, "motif=secret_medical").size(), 0u);
  const json detail =
      ParseObject(Get("/api/v1/cases/" + found[0]["id"].dump(), session)->body);
  EXPECT_EQ(detail["reasons"], found[0]["reasons"]);
  EXPECT_TRUE(absl::StrContains(
      Get("/api/v1/export.csv", session)->body,
      "Vérification des sources (2), Diffamation ou injure (1)"));
}

TEST_P(InboxApiTest, CaseIsDatedWhenStaffFlaggedItNotWhenItArrived) {
  // Kept in a browser for ten days before the inbox was configured.
  ASSERT_EQ(PostReport(ReportOf("Signalé le 19", "2026-11-19T08:15:00+01:00"))
                ->status,
            201);
  // A browser whose clock is a year ahead cannot put its flag on top.
  ASSERT_EQ(
      PostReport(ReportOf("Horloge en avance", "2099-01-01T00:00:00Z"))->status,
      201);
  const SignedIn session = SignIn();
  const json cases = Cases(session);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[1]["text"], "Signalé le 19");
  EXPECT_EQ(cases[1]["first_reported_at"], "2026-11-19T07:15:00.000Z");
  EXPECT_EQ(cases[1]["last_reported_at"], "2026-11-19T07:15:00.000Z");
  EXPECT_LT(cases[0]["last_reported_at"].get<std::string>(), "2099");
  EXPECT_EQ(Cases(session, "du=2026-11-19&au=2026-11-19").size(), 1u);
  const json detail =
      ParseObject(Get("/api/v1/cases/" + cases[1]["id"].dump(), session)->body);
  const json& report = detail["reports"][0];
  EXPECT_EQ(report["reported_at"], "2026-11-19T07:15:00.000Z");
  EXPECT_GT(report["received_at"].get<std::string>(), "2026-11-19T07:15");
}

TEST_P(InboxApiTest, StateChangeFromAnOutOfDatePageIsRefusedWithTheNewState) {
  ASSERT_EQ(PostReport(ValidReport())->status, 201);
  const SignedIn tab1 = SignIn();
  const SignedIn tab2 = SignIn();
  const std::string path =
      "/api/v1/cases/" + Cases(tab1)[0]["id"].dump() + "/state";
  // Both tabs show "nouveau"; tab 1 rejects it.
  ASSERT_EQ(
      Change(path, {{"state", "rejete"}, {"from", "nouveau"}}, tab1, tab1.csrf)
          ->status,
      200);
  // Tab 2 still shows "nouveau": taking it would reopen a rejected case.
  httplib::Result stale = Change(
      path, {{"state", "en_cours"}, {"from", "nouveau"}}, tab2, tab2.csrf);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  const json body = ParseObject(stale->body);
  EXPECT_EQ(body["error"],
            "Ce signalement a été modifié entre-temps : il est maintenant « "
            "rejeté ».");
  EXPECT_EQ(body["case"]["state"], "rejete");
  EXPECT_EQ(Cases(tab1)[0]["state"], "rejete");
  // A move that is not allowed says why, with a capital letter.
  httplib::Result not_allowed =
      Change(path, {{"state", "traite"}, {"from", "rejete"}}, tab2, tab2.csrf);
  ASSERT_TRUE(not_allowed);
  EXPECT_EQ(not_allowed->status, 409);
  EXPECT_EQ(ParseObject(not_allowed->body)["error"],
            "Ce changement d’état n’est pas possible : un signalement « "
            "rejeté » doit d’abord être rouvert.");
  EXPECT_EQ(Change(path, {{"state", "en_cours"}, {"from", "inconnu"}}, tab2,
                   tab2.csrf)
                ->status,
            400);
}

}  // namespace
}  // namespace vigie::inbox::testing
