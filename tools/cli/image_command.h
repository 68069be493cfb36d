#ifndef VIGIE_TOOLS_CLI_IMAGE_COMMAND_H_
#define VIGIE_TOOLS_CLI_IMAGE_COMMAND_H_

#include <string>
#include <vector>

namespace vigie::cli {

// vigie image [--pack FILE] [--platform NAME] [--affiliated] FILE...
// vigie image --strip IN -o OUT
int RunImageCommand(const std::vector<std::string>& args);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_IMAGE_COMMAND_H_
