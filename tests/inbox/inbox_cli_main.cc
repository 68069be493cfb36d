// Test-only stand-in for `vigie inbox ...`: runs RunInboxCommand on its
// arguments (a leading "inbox" word is skipped, so it is called like vigie).
#include <string>
#include <vector>

#include "inbox_command.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args.front() == "inbox") {
    args.erase(args.begin());
  }
  return vigie::inbox::RunInboxCommand(args);
}
