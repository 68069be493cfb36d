#include "csv_export.h"

#include "absl/strings/str_cat.h"
#include "labels.h"
#include "time_util.h"

namespace vigie::inbox {

std::string CsvField(std::string_view value) {
  std::string cell;
  if (!value.empty() &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
       value[0] == '@' || value[0] == '\t' || value[0] == '\r')) {
    cell.push_back('\'');
  }
  cell.append(value);
  if (cell.find_first_of(";,\"\r\n") == std::string::npos) {
    return cell;
  }
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') {
      quoted.push_back('"');
    }
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string ReasonsText(const CaseSummary& c) {
  if (c.reasons.size() <= 1) {
    return std::string(ReasonLabel(c.reason));
  }
  std::string text;
  for (const ReasonCount& r : c.reasons) {
    absl::StrAppend(&text, text.empty() ? "" : ", ", ReasonLabel(r.reason),
                    " (", r.count, ")");
  }
  return text;
}

std::string CasesToCsv(const std::vector<CaseSummary>& cases) {
  std::string out = "\xEF\xBB\xBF";
  out +=
      "N° de signalement;État;Transmis à;Motif;Plateforme;Lien;Auteur;"
      "Commentaire;Nombre de fois signalé;Premier signalement (heure de "
      "Paris);Dernier signalement (heure de Paris)\r\n";
  for (const CaseSummary& c : cases) {
    absl::StrAppend(&out, c.id, ";", CsvField(StateLabel(c.state)), ";",
                    CsvField(DestinationLabel(c.destination)), ";",
                    CsvField(ReasonsText(c)), ";",
                    CsvField(PlatformLabel(c.platform)), ";", CsvField(c.url),
                    ";", CsvField(c.author), ";", CsvField(c.text), ";",
                    c.report_count, ";", ParisLocalTime(c.first_reported_at),
                    ";", ParisLocalTime(c.last_reported_at), "\r\n");
  }
  return out;
}

}  // namespace vigie::inbox
