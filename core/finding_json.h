// The JSON shape of a finding, as the CLI prints it and the wasm build
// returns it (architecture.md): offsets in UTF-16 code units; optional texts
// present only when the rule has them.

#ifndef VIGIE_CORE_FINDING_JSON_H_
#define VIGIE_CORE_FINDING_JSON_H_

#include <vector>

#include "core/finding.h"
#include "nlohmann/json.hpp"

namespace vigie {

nlohmann::json FindingToJson(const Finding& finding);
nlohmann::json FindingsToJson(const std::vector<Finding>& findings);

}  // namespace vigie

#endif  // VIGIE_CORE_FINDING_JSON_H_
