// CSV export of the case list, for the directions: UTF-8 with a byte-order
// mark and `;` separators (what French spreadsheet software expects).
#ifndef VIGIE_TOOLS_INBOX_CSV_EXPORT_H_
#define VIGIE_TOOLS_INBOX_CSV_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace vigie::inbox {

// One field, quoted when needed. Cells a spreadsheet would read as a formula
// (=, +, -, @, tab, CR first) get a leading apostrophe.
std::string CsvField(std::string_view value);

// A case's reasons: "Motif" alone, or "Motif (3), Autre motif (1)".
std::string ReasonsText(const CaseSummary& c);

// Dates are Paris wall-clock time, "2026-11-28 00:42".
std::string CasesToCsv(const std::vector<CaseSummary>& cases);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_CSV_EXPORT_H_
