#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/text.h"
#include "csv_export.h"
#include "http_api.h"
#include "http_util.h"
#include "labels.h"
#include "nlohmann/json.hpp"
#include "report_validation.h"
#include "session_auth.h"
#include "time_util.h"

namespace vigie::inbox {
namespace {

using nlohmann::json;

constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxSearchChars = 200;
constexpr int64_t kPageSize = 50;
constexpr int64_t kMaxPage = 1000000;

json ReasonsJson(const CaseSummary& c) {
  json reasons = json::array();
  for (const ReasonCount& r : c.reasons) {
    reasons.push_back({{"reason", r.reason}, {"count", r.count}});
  }
  return reasons;
}

json CaseJson(const CaseSummary& c) {
  return {{"id", c.id},
          {"platform", c.platform},
          {"url", c.url},
          {"author", c.author},
          {"text", c.text},
          {"reason", c.reason},
          {"reasons", ReasonsJson(c)},
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
                       {"received_at", r.received_at},
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

// A bound of the date filter: an instant (ISO 8601 with offset; the page
// sends the user's midnights) or a date, read as a Paris day. `days_later`
// moves a date to the next day's midnight (the end of "au", exclusive).
std::optional<std::string> ReadBound(const std::string& value, int days_later) {
  if (IsIsoDate(value)) {
    return ParisMidnightUtc(value, days_later);
  }
  return NormalizeIso8601(value);
}

// Reads the list filters from the query string, or answers 400.
bool ReadFilter(const httplib::Request& req, httplib::Response& res,
                CaseFilter* filter) {
  filter->state = req.get_param_value("etat");
  filter->reason = req.get_param_value("motif");
  filter->platform = req.get_param_value("plateforme");
  filter->text = req.get_param_value("q");
  const std::string from = req.get_param_value("du");
  const std::string to = req.get_param_value("au");
  std::optional<std::string> from_bound = ReadBound(from, 0);
  std::optional<std::string> to_bound = ReadBound(to, 1);
  if (!filter->state.empty() && !IsStateId(filter->state)) {
    SendError(res, 400, "État inconnu.", "etat");
  } else if (!filter->reason.empty() && !IsReasonId(filter->reason)) {
    SendError(res, 400, "Motif inconnu.", "motif");
  } else if (!filter->platform.empty() && !IsPlatformId(filter->platform)) {
    SendError(res, 400, "Plateforme inconnue.", "plateforme");
  } else if (!from.empty() && !from_bound) {
    SendError(res, 400, "Date attendue (AAAA-MM-JJ) pour « Du ».", "du");
  } else if (!to.empty() && !to_bound) {
    SendError(res, 400, "Date attendue (AAAA-MM-JJ) pour « Au ».", "au");
  } else if (!IsValidUtf8(filter->text) ||
             CodePoints(filter->text) > kMaxSearchChars ||
             HasForbiddenControl(filter->text, /*multiline=*/false)) {
    SendError(res, 400,
              "Recherche trop longue (200 caractères au plus) ou caractères "
              "invalides.",
              "q");
  } else {
    if (!from.empty()) {
      filter->from = *from_bound;
    }
    if (!to.empty()) {
      filter->before = *to_bound;
    }
    filter->text = std::string(absl::StripAsciiWhitespace(filter->text));
    return true;
  }
  return false;
}

// Reads the 1-based `page` of the list, or answers 400.
bool ReadPage(const httplib::Request& req, httplib::Response& res,
              CaseFilter* filter) {
  int64_t page = 1;
  if (req.has_param("page") &&
      (!absl::SimpleAtoi(req.get_param_value("page"), &page) || page < 1 ||
       page > kMaxPage)) {
    SendError(res, 400, "Numéro de page invalide.", "page");
    return false;
  }
  filter->limit = kPageSize;
  filter->offset = (page - 1) * kPageSize;
  return true;
}

bool ReadCaseId(const httplib::Request& req, httplib::Response& res,
                int64_t* id) {
  if (req.matches.size() < 2 || !absl::SimpleAtoi(req.matches[1].str(), id) ||
      *id <= 0) {
    SendError(res, 404, "Signalement introuvable.");
    return false;
  }
  return true;
}

// Parses a JSON object body of a change request, or answers 400.
bool ReadChangeBody(const httplib::Request& req, httplib::Response& res,
                    json* body) {
  if (!HasJsonBody(req)) {
    SendError(res, 415, "Le corps doit être du JSON.", "Content-Type");
    return false;
  }
  *body = json::parse(req.body, nullptr, false);
  if (!body->is_object()) {
    SendError(res, 400, "Objet JSON attendu.");
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
    SendError(res, 404, "Signalement introuvable.");
  } else {
    SendJson(res, status, DetailJson(**detail));
  }
}

// Why a case in state `from` cannot make the move asked for.
std::string NotAllowedReason(std::string_view from) {
  if (from == "nouveau") {
    return "un signalement nouveau peut seulement être pris en charge ou "
           "rejeté.";
  }
  if (from == "en_cours") {
    return "un signalement en cours peut être marqué comme traité, transmis "
           "ou rejeté.";
  }
  return absl::StrCat("un signalement « ", StateLabel(from),
                      " » doit d’abord être rouvert.");
}

// 409 with what the case is now, so the page can show it and its buttons.
void SendConflict(InboxContext& context, int64_t id, bool stale,
                  httplib::Response& res) {
  absl::StatusOr<std::optional<CaseDetail>> detail = context.store->GetCase(id);
  if (!detail.ok()) {
    SendStorageError(res, detail.status());
    return;
  }
  if (!detail->has_value()) {
    SendError(res, 404, "Signalement introuvable.");
    return;
  }
  const std::string& now = (*detail)->summary.state;
  const std::string message =
      stale ? absl::StrCat(
                  "Ce signalement a été modifié entre-temps : il est "
                  "maintenant « ",
                  StateLabel(now), " ».")
            : absl::StrCat("Ce changement d’état n’est pas possible : ",
                           NotAllowedReason(now));
  SendJson(
      res, 409,
      {{"error", message}, {"field", "state"}, {"case", DetailJson(**detail)}});
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
  const json from = body.value("from", json(""));
  if (!state.is_string() || !IsStateId(state.get_ref<const std::string&>())) {
    SendError(res, 400, "État inconnu.", "state");
    return;
  }
  if (!from.is_string() || (!from.get_ref<const std::string&>().empty() &&
                            !IsStateId(from.get_ref<const std::string&>()))) {
    SendError(res, 400, "État affiché inconnu.", "from");
    return;
  }
  const auto& to = state.get_ref<const std::string&>();
  std::string target;
  if (to == "transmis") {
    if (!destination.is_string() ||
        !IsDestinationId(destination.get_ref<const std::string&>())) {
      SendError(res, 400, "Direction destinataire attendue.", "destination");
      return;
    }
    target = destination.get_ref<const std::string&>();
  }
  absl::Status changed =
      context.store->ChangeState(id, from.get_ref<const std::string&>(), to,
                                 target, session->user_name, NowUtc());
  if (absl::IsNotFound(changed)) {
    SendError(res, 404, "Signalement introuvable.");
  } else if (absl::IsAborted(changed) || absl::IsFailedPrecondition(changed)) {
    SendConflict(context, id, absl::IsAborted(changed), res);
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
    SendError(res, 400, "Texte de la note attendu.", "text");
    return;
  }
  const auto& note = text.get_ref<const std::string&>();
  if (note.find_first_not_of(" \t\r\n") == std::string::npos) {
    SendError(res, 400, "La note est vide.", "text");
  } else if (CodePoints(note) > kMaxNoteChars ||
             HasForbiddenControl(note, /*multiline=*/true)) {
    SendError(
        res, 400,
        "Note trop longue (2 000 caractères au plus) ou caractères invalides.",
        "text");
  } else {
    absl::Status added =
        context.store->AddNote(id, note, session->user_name, NowUtc());
    if (absl::IsNotFound(added)) {
      SendError(res, 404, "Signalement introuvable.");
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
    if (!RequireSession(context, req, res) || !ReadFilter(req, res, &filter) ||
        !ReadPage(req, res, &filter)) {
      return;
    }
    absl::StatusOr<CasePage> page = context.store->ListCases(filter);
    if (!page.ok()) {
      SendStorageError(res, page.status());
      return;
    }
    json list = json::array();
    for (const CaseSummary& c : page->cases) {
      list.push_back(CaseJson(c));
    }
    SendJson(res, 200,
             {{"cases", std::move(list)},
              {"total", page->total},
              {"offset", filter.offset},
              {"page_size", kPageSize}});
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
    CaseFilter filter;  // Every matching case, not one page.
    if (!RequireSession(context, req, res) || !ReadFilter(req, res, &filter)) {
      return;
    }
    absl::StatusOr<CasePage> page = context.store->ListCases(filter);
    if (!page.ok()) {
      SendStorageError(res, page.status());
      return;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_header(
        "Content-Disposition",
        absl::StrCat("attachment; filename=\"signalements-",
                     ParisLocalTime(NowUtc()).substr(0, 10), ".csv\""));
    res.set_content(CasesToCsv(page->cases), "text/csv; charset=utf-8");
  });
}

}  // namespace vigie::inbox
