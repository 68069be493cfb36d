// The JSON shape of a finding, as the CLI prints it and the wasm build
// returns it (architecture.md): offsets in UTF-16 code units; optional texts
// present only when the rule has them.
//
// Written straight into a string: a finding carries about 600 bytes of its
// rule's texts, and building a JSON tree first cost more than the analysis.

#ifndef VIGIE_CORE_FINDING_JSON_H_
#define VIGIE_CORE_FINDING_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace vigie {

// Appends `text` as a JSON string, quotes included. `text` must be valid
// UTF-8 (the engine repairs its input; the pack parser checks its strings),
// so only what JSON requires is escaped.
void AppendJsonString(std::string_view text, std::string* out);

// Appends a score as a JSON number rounded to hundredths: "0.85", "0.9", "1.0".
void AppendScoreJson(double score, std::string* out);

// Appends one finding as a JSON object. The score is rounded to hundredths,
// the precision of the pack's scores, so sums such as 0.6 + 0.3 print 0.9.
void AppendFindingJson(const Finding& finding, std::string* out);

// The findings as a JSON array.
std::string FindingsJson(const std::vector<Finding>& findings);

}  // namespace vigie

#endif  // VIGIE_CORE_FINDING_JSON_H_
