// File and argument helpers shared by the vigie subcommands.

#ifndef VIGIE_TOOLS_CLI_CLI_IO_H_
#define VIGIE_TOOLS_CLI_CLI_IO_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine.h"

namespace vigie::cli {

// Exit statuses shared by every subcommand (architecture.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;    // ran fine, but the answer is "no"
inline constexpr int kExitBadInput = 2;  // with a one-line reason on stderr

// Reads a whole file ("-" is standard input).
absl::StatusOr<std::string> ReadFile(const std::string& path);

// Writes a whole file, replacing it.
absl::Status WriteFile(const std::string& path, std::string_view content);

// Writes `path` through a temporary file and a rename, so that a reader sees
// the old content or the new one, never half of it.
absl::Status ReplaceFile(const std::string& path, std::string_view content);

// The default CHU de Nantes pack: $VIGIE_DEFAULT_PACK, else
// <dir of the vigie binary>/../pack/chu-nantes.json.
std::string DefaultPackPath();

// Loads and compiles the pack at `path` (the default pack when empty).
absl::StatusOr<std::unique_ptr<Engine>> LoadEngine(const std::string& path);

// Prints "vigie: REASON" on stderr and returns kExitBadInput.
int BadInput(std::string_view reason);

// Takes the value after option `name` at args[*i]; false if there is none.
bool TakeValue(const std::vector<std::string>& args, size_t* i,
               std::string* value);

}  // namespace vigie::cli

#endif  // VIGIE_TOOLS_CLI_CLI_IO_H_
