// Parses a JSON document without exceptions, reporting where it breaks.

#ifndef VIGIE_CORE_JSON_DOCUMENT_H_
#define VIGIE_CORE_JSON_DOCUMENT_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace vigie {

// Returns the document, or an InvalidArgument error reading
// "SOURCE: line L, column C: not valid JSON near '...'".
absl::StatusOr<nlohmann::json> ParseJsonDocument(std::string_view text,
                                                 std::string_view source_name);

}  // namespace vigie

#endif  // VIGIE_CORE_JSON_DOCUMENT_H_
