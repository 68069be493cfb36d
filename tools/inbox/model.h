// The inbox's vocabulary: reports sent by the extension, the cases (one per
// reported comment) that group them, and the history of every change.
#ifndef VIGIE_TOOLS_INBOX_MODEL_H_
#define VIGIE_TOOLS_INBOX_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::inbox {

// A report as the extension sends it, after validation.
struct Report {
  std::string id;  // Client-generated UUID, lower case.
  std::string platform;
  std::string url;
  std::string author;
  std::string text;
  std::string reason;
  std::string note;
  std::string reported_at;  // UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ".
  std::optional<std::string> reporter;
};

// One entry of a case's history: who did what, when.
struct Event {
  std::string at;
  std::string actor;
  std::string kind;    // "signalement", "etat", "note".
  std::string detail;  // State id, note text, or report id.
};

// A reported comment, shown once however many people reported it.
struct CaseSummary {
  int64_t id = 0;
  std::string platform;
  std::string url;
  std::string author;
  std::string text;
  std::string reason;  // Reason of the first report.
  std::string state;
  std::string destination;  // Set when state is "transmis".
  int64_t report_count = 0;
  std::string first_reported_at;  // Server reception times.
  std::string last_reported_at;
};

struct CaseDetail {
  CaseSummary summary;
  std::vector<Report> reports;
  std::vector<Event> history;
};

struct CaseFilter {
  std::string state;     // Empty: any.
  std::string reason;    // Empty: any.
  std::string platform;  // Empty: any.
  std::string from;      // "YYYY-MM-DD", inclusive; empty: no bound.
  std::string to;        // "YYYY-MM-DD", inclusive; empty: no bound.
  int64_t limit = 500;
};

struct User {
  int64_t id = 0;
  std::string name;
  std::string password_hash;
};

struct Session {
  int64_t user_id = 0;
  std::string user_name;
  std::string csrf_token;
  std::string expires_at;
};

// The guide's categories, plus "autre".
const std::vector<std::string_view>& ReasonIds();
const std::vector<std::string_view>& PlatformIds();
// Case states: nouveau, en_cours, traite, transmis, rejete.
const std::vector<std::string_view>& StateIds();
// Directions a case can be handed on to (state "transmis").
const std::vector<std::string_view>& DestinationIds();

bool IsReasonId(std::string_view id);
bool IsPlatformId(std::string_view id);
bool IsStateId(std::string_view id);
bool IsDestinationId(std::string_view id);

// Whether the communication service may move a case from `from` to `to`:
// nouveau -> en_cours | rejete; en_cours -> traite | transmis | rejete;
// traite, transmis, rejete -> en_cours (reopened).
bool IsAllowedTransition(std::string_view from, std::string_view to);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_MODEL_H_
