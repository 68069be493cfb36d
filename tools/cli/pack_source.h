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
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace vigie::cli {

// Where a rule of a built pack was written.
struct RuleOrigin {
  std::string file;         // pack.json or a rules/*.json file
  std::string pointer;      // of the rule in that file: "/3" or "/rules/3"
  std::string id;           // the rule's id, empty if it has none
  bool terms_file = false;  // its "terms" were read from a terms_file
};

// A pack built from its source folder: compact JSON, not yet validated, and
// the origin of each of its rules, by index.
struct BuiltPack {
  std::string json;
  std::string dir;
  std::vector<RuleOrigin> rules;
};

// Returns the built pack; errors name the file (and JSON pointer) at fault.
absl::StatusOr<BuiltPack> BuildPackFromSource(const std::string& dir);

// Names the source file and pointer of `pointer` into the built pack, as
// "DIR/rules/devoir-reserve.json: /3/severity (rule \"temoignage\")" for
// "/rules/27/severity": what the admin edits, not the built file.
std::string SourceOf(const BuiltPack& pack, std::string_view pointer);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_PACK_SOURCE_H_
