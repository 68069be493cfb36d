#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "csv_export.h"
#include "http_api.h"
#include "http_util.h"
#include "nlohmann/json.hpp"
#include "report_validation.h"
#include "session_auth.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

using nlohmann::json;

constexpr size_t kMaxNoteChars = 2000;

json CaseJson(const CaseSummary& c) {
  return {{"id", c.id},
          {"platform", c.platform},
          {"url", c.url},
          {"author", c.author},
          {"text", c.text},
          {"reason", c.reason},
          {"state", c.state},
          {"destination", c.destination},
          {"report_count", c.report_count},
          {"first_reported_at", c.first_reported_at},
          {"last_reported_at", c.last_reported_at}};
}

json DetailJson(const CaseDetail& detail) {
  json out = CaseJson(detail.summary);
  json reports = json::array();
  for (const Report& r : detail.reports) {
    reports.push_back({{"id", r.id},
                       {"author", r.author},
                       {"text", r.text},
                       {"reason", r.reason},
                       {"note", r.note},
                       {"reported_at", r.reported_at},
                       {"reporter", r.reporter ? json(*r.reporter) : json()}});
  }
  json history = json::array();
  for (const Event& e : detail.history) {
    history.push_back({{"at", e.at},
                       {"actor", e.actor},
                       {"kind", e.kind},
                       {"detail", e.detail}});
  }
  out["reports"] = std::move(reports);
  out["history"] = std::move(history);
  return out;
}

// Reads the list filters from the query string, or answers 400.
bool ReadFilter(const httplib::Request& req, httplib::Response& res,
                CaseFilter* filter) {
  filter->state = req.get_param_value("etat");
  filter->reason = req.get_param_value("motif");
  filter->platform = req.get_param_value("plateforme");
  filter->from = req.get_param_value("du");
  filter->to = req.get_param_value("au");
  if (!filter->state.empty() && !IsStateId(filter->state)) {
    SendError(res, 400, "état inconnu", "etat");
  } else if (!filter->reason.empty() && !IsReasonId(filter->reason)) {
    SendError(res, 400, "motif inconnu", "motif");
  } else if (!filter->platform.empty() && !IsPlatformId(filter->platform)) {
    SendError(res, 400, "plateforme inconnue", "plateforme");
  } else if (!filter->from.empty() && !IsIsoDate(filter->from)) {
    SendError(res, 400, "date attendue (AAAA-MM-JJ)", "du");
  } else if (!filter->to.empty() && !IsIsoDate(filter->to)) {
    SendError(res, 400, "date attendue (AAAA-MM-JJ)", "au");
  } else {
    return true;
  }
  return false;
}

bool ReadCaseId(const httplib::Request& req, httplib::Response& res,
                int64_t* id) {
  if (req.matches.size() < 2 || !absl::SimpleAtoi(req.matches[1].str(), id) ||
      *id <= 0) {
    SendError(res, 404, "signalement introuvable");
    return false;
  }
  return true;
}

// Parses a JSON object body of a change request, or answers 400.
bool ReadChangeBody(const httplib::Request& req, httplib::Response& res,
                    json* body) {
  if (!HasJsonBody(req)) {
    SendError(res, 415, "le corps doit être du JSON", "Content-Type");
    return false;
  }
  *body = json::parse(req.body, nullptr, false);
  if (!body->is_object()) {
    SendError(res, 400, "objet JSON attendu");
    return false;
  }
  return true;
}

void SendDetail(InboxContext& context, int64_t id, httplib::Response& res,
                int status) {
  absl::StatusOr<std::optional<CaseDetail>> detail = context.store->GetCase(id);
  if (!detail.ok()) {
    SendStorageError(res, detail.status());
  } else if (!detail->has_value()) {
    SendError(res, 404, "signalement introuvable");
  } else {
    SendJson(res, status, DetailJson(**detail));
  }
}

void ChangeState(InboxContext& context, const httplib::Request& req,
                 httplib::Response& res) {
  std::optional<Session> session = RequireSessionForChange(context, req, res);
  int64_t id = 0;
  json body;
  if (!session || !ReadCaseId(req, res, &id) ||
      !ReadChangeBody(req, res, &body)) {
    return;
  }
  const json state = body.value("state", json());
  const json destination = body.value("destination", json(""));
  if (!state.is_string() || !IsStateId(state.get_ref<const std::string&>())) {
    SendError(res, 400, "état inconnu", "state");
    return;
  }
  const auto& to = state.get_ref<const std::string&>();
  std::string target;
  if (to == "transmis") {
    if (!destination.is_string() ||
        !IsDestinationId(destination.get_ref<const std::string&>())) {
      SendError(res, 400, "direction destinataire attendue", "destination");
      return;
    }
    target = destination.get_ref<const std::string&>();
  }
  absl::Status changed =
      context.store->ChangeState(id, to, target, session->user_name, NowUtc());
  if (absl::IsNotFound(changed)) {
    SendError(res, 404, "signalement introuvable");
  } else if (absl::IsFailedPrecondition(changed)) {
    SendError(res, 409, "ce changement d'état n'est pas possible", "state");
  } else if (!changed.ok()) {
    SendStorageError(res, changed);
  } else {
    SendDetail(context, id, res, 200);
  }
}

void AddNote(InboxContext& context, const httplib::Request& req,
             httplib::Response& res) {
  std::optional<Session> session = RequireSessionForChange(context, req, res);
  int64_t id = 0;
  json body;
  if (!session || !ReadCaseId(req, res, &id) ||
      !ReadChangeBody(req, res, &body)) {
    return;
  }
  const json text = body.value("text", json());
  if (!text.is_string()) {
    SendError(res, 400, "texte de la note attendu", "text");
    return;
  }
  const auto& note = text.get_ref<const std::string&>();
  if (note.find_first_not_of(" \t\r\n") == std::string::npos) {
    SendError(res, 400, "la note est vide", "text");
  } else if (CodePoints(note) > kMaxNoteChars ||
             HasForbiddenControl(note, /*multiline=*/true)) {
    SendError(res, 400, "note trop longue ou caractères invalides", "text");
  } else {
    absl::Status added =
        context.store->AddNote(id, note, session->user_name, NowUtc());
    if (absl::IsNotFound(added)) {
      SendError(res, 404, "signalement introuvable");
    } else if (!added.ok()) {
      SendStorageError(res, added);
    } else {
      SendDetail(context, id, res, 201);
    }
  }
}

}  // namespace

void RegisterCasesApi(httplib::Server& server, InboxContext& context) {
  server.Get("/api/v1/cases", [&context](const httplib::Request& req,
                                         httplib::Response& res) {
    CaseFilter filter;
    if (!RequireSession(context, req, res) || !ReadFilter(req, res, &filter)) {
      return;
    }
    absl::StatusOr<std::vector<CaseSummary>> cases =
        context.store->ListCases(filter);
    if (!cases.ok()) {
      SendStorageError(res, cases.status());
      return;
    }
    json list = json::array();
    for (const CaseSummary& c : *cases) {
      list.push_back(CaseJson(c));
    }
    SendJson(res, 200, {{"cases", std::move(list)}});
  });
  server.Get(
      R"(/api/v1/cases/(\d{1,18}))",
      [&context](const httplib::Request& req, httplib::Response& res) {
        int64_t id = 0;
        if (!RequireSession(context, req, res) || !ReadCaseId(req, res, &id)) {
          return;
        }
        SendDetail(context, id, res, 200);
      });
  server.Post(R"(/api/v1/cases/(\d{1,18})/state)",
              [&context](const httplib::Request& req, httplib::Response& res) {
                ChangeState(context, req, res);
              });
  server.Post(R"(/api/v1/cases/(\d{1,18})/notes)",
              [&context](const httplib::Request& req, httplib::Response& res) {
                AddNote(context, req, res);
              });
  server.Get("/api/v1/export.csv", [&context](const httplib::Request& req,
                                              httplib::Response& res) {
    CaseFilter filter;
    filter.limit = 100000;
    if (!RequireSession(context, req, res) || !ReadFilter(req, res, &filter)) {
      return;
    }
    absl::StatusOr<std::vector<CaseSummary>> cases =
        context.store->ListCases(filter);
    if (!cases.ok()) {
      SendStorageError(res, cases.status());
      return;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition",
                   absl::StrCat("attachment; filename=\"signalements-",
                                NowUtc().substr(0, 10), ".csv\""));
    res.set_content(CasesToCsv(*cases), "text/csv; charset=utf-8");
  });
}

}  // namespace vigie::inbox
