// `vigie pack publish PACK --key KEYFILE --to DIR` (issue 7): the files a
// static web server hands to the extension's updater.

#ifndef VIGIE_TOOLS_CLI_PUBLISH_COMMAND_H_
#define VIGIE_TOOLS_CLI_PUBLISH_COMMAND_H_

#include <string>
#include <vector>

namespace vigie::cli {

// Validates PACK, runs its embedded tests (exit 1 with the number of failures
// when any fails, DIR untouched), signs it, then writes DIR/ID-VERSION.json,
// DIR/ID-VERSION.json.sig and, last and atomically, DIR/latest.json (URLs
// relative to it). Refuses (exit 2) a pack whose version is not greater than
// the one DIR/latest.json announces, or whose id differs from it.
int RunPublish(const std::vector<std::string>& args);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_PUBLISH_COMMAND_H_
