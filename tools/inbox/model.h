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
  std::string received_at;  // Set by the store when read back.
};

// One entry of a case's history: who did what, when.
struct Event {
  std::string at;
  std::string actor;
  std::string kind;    // "signalement", "etat", "note".
  std::string detail;  // State id, note text, or report id.
};

// How many of a case's reports give one reason.
struct ReasonCount {
  std::string reason;
  int64_t count = 0;
};

// A reported comment, shown once however many people reported it.
struct CaseSummary {
  int64_t id = 0;
  std::string platform;
  std::string url;
  std::string author;
  std::string text;
  std::string reason;                // Reason of the first report.
  std::vector<ReasonCount> reasons;  // Every reason, most given first.
  std::string state;
  std::string destination;  // Set when state is "transmis".
  int64_t report_count = 0;
  // When staff flagged it (a report's reported_at, or its reception time if
  // earlier: a client clock ahead must not push a case to the top).
  std::string first_reported_at;
  std::string last_reported_at;
};

struct CaseDetail {
  CaseSummary summary;
  std::vector<Report> reports;
  std::vector<Event> history;
};

struct CaseFilter {
  std::string state;     // Empty: any.
  std::string reason;    // Any report of the case gives it; empty: any.
  std::string platform;  // Empty: any.
  std::string from;      // UTC instant of last_reported_at, inclusive.
  std::string before;    // UTC instant of last_reported_at, exclusive.
  std::string text;      // In the comment, an author or a note; empty: any.
  int64_t offset = 0;
  int64_t limit = -1;  // Negative: no limit (the export).
};

// One page of the filtered list, and how many cases match in all.
struct CasePage {
  std::vector<CaseSummary> cases;
  int64_t total = 0;
};

// A deployment token or an account, as the admin lists them.
struct NamedEntry {
  std::string name;
  std::string created_at;
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

// The earlier of two stored UTC times (they sort as text).
std::string Earlier(const std::string& a, const std::string& b);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_MODEL_H_
