#ifndef VIGIE_TOOLS_CLI_PACK_COMMAND_H_
#define VIGIE_TOOLS_CLI_PACK_COMMAND_H_

#include <string>
#include <vector>

namespace vigie::cli {

// vigie pack validate FILE | test FILE | build DIR -o FILE
int RunPackCommand(const std::vector<std::string>& args);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_PACK_COMMAND_H_
