#include "csv_export.h"

#include "absl/strings/str_cat.h"
#include "labels.h"

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

std::string CasesToCsv(const std::vector<CaseSummary>& cases) {
  std::string out = "\xEF\xBB\xBF";
  out +=
      "dossier;etat;transmis_a;motif;plateforme;lien;auteur;texte;"
      "signalements;premier_signalement;dernier_signalement\r\n";
  for (const CaseSummary& c : cases) {
    absl::StrAppend(&out, c.id, ";", CsvField(StateLabel(c.state)), ";",
                    CsvField(DestinationLabel(c.destination)), ";",
                    CsvField(ReasonLabel(c.reason)), ";",
                    CsvField(PlatformLabel(c.platform)), ";", CsvField(c.url),
                    ";", CsvField(c.author), ";", CsvField(c.text), ";",
                    c.report_count, ";", c.first_reported_at, ";",
                    c.last_reported_at, "\r\n");
  }
  return out;
}

}  // namespace vigie::inbox
