#ifndef VIGIE_TOOLS_CLI_SCAN_COMMAND_H_
#define VIGIE_TOOLS_CLI_SCAN_COMMAND_H_

#include <string>
#include <vector>

namespace vigie::cli {

// vigie scan [--pack FILE] [--platform facebook|x|linkedin] [--affiliated]
//            [--jsonl] [FILE|-]
int RunScanCommand(const std::vector<std::string>& args);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_SCAN_COMMAND_H_
