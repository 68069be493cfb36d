// vigie: the admins' command line. Each subcommand lives in its own file.

#include <iostream>
#include <string>
#include <vector>

#include "core/engine.h"
#include "tools/cli/cli_io.h"
#include "tools/cli/pack_command.h"
#include "tools/cli/scan_command.h"
#ifdef VIGIE_HAVE_INBOX
#include "tools/inbox/inbox_command.h"
#endif
#ifdef VIGIE_HAVE_IMAGE
#include "tools/cli/image_command.h"
#endif

namespace {

constexpr char kUsage[] =
    R"(Usage: vigie COMMAND [ARGS...]

Vigie checks posts against the CHU de Nantes social-media guide.

Commands:
  scan     what in a text breaks the guide, as JSON (vigie scan --help)
  pack     validate, test and build rule packs (vigie pack --help)
  image    metadata of photos, and clean copies (vigie image --help)
  inbox    the communication service's inbox server (vigie inbox --help)
  --version
)";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return vigie::cli::kExitBadInput;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h") {
    std::cout << kUsage;
    return vigie::cli::kExitOk;
  }
  if (command == "--version") {
    std::cout << "vigie " << vigie::EngineVersion() << "\n";
    return vigie::cli::kExitOk;
  }
  if (command == "scan") return vigie::cli::RunScanCommand(rest);
  if (command == "pack") return vigie::cli::RunPackCommand(rest);
#ifdef VIGIE_HAVE_IMAGE
  if (command == "image") return vigie::cli::RunImageCommand(rest);
#endif
#ifdef VIGIE_HAVE_INBOX
  if (command == "inbox") return vigie::inbox::RunInboxCommand(rest);
#endif
  return vigie::cli::BadInput("unknown command '" + command +
                              "' (see vigie --help)");
}
