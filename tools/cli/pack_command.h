#ifndef VIGIE_TOOLS_CLI_PACK_COMMAND_H_
#define VIGIE_TOOLS_CLI_PACK_COMMAND_H_

#include <cstddef>
#include <string>
#include <vector>

#include "core/engine.h"

namespace vigie::cli {

// Runs the tests `engine`'s pack embeds, prints each failure and a summary
// line naming `path`; returns the number of failures.
size_t RunAndPrintPackTests(const Engine& engine, const std::string& path);

// vigie pack validate FILE | test FILE | build DIR -o FILE | keygen | sign |
// verify | publish
int RunPackCommand(const std::vector<std::string>& args);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_PACK_COMMAND_H_
