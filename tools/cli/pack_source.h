// A pack's source folder, readable and diff-friendly for admins, built into
// the single JSON document the engine loads:
//
//   pack.json        header, settings, pack-level tests
//   rules/*.json     arrays of rules, concatenated in file-name order
//   lexicons/*.txt   term lists a lexicon rule names with "terms_file"
//                    (one term per line, '#' starts a comment)
//   adapters.json    site adapters for the extension (-> "adapters")
//   image.json       geofences and image rules (-> "image")

#ifndef VIGIE_TOOLS_CLI_PACK_SOURCE_H_
#define VIGIE_TOOLS_CLI_PACK_SOURCE_H_

#include <string>

#include "absl/status/statusor.h"

namespace vigie::cli {

// Returns the built pack as compact JSON; errors name the file (and JSON
// pointer) at fault. The result is not yet validated as a pack.
absl::StatusOr<std::string> BuildPackFromSource(const std::string& dir);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_PACK_SOURCE_H_
