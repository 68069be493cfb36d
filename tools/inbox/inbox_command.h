// `vigie inbox ...`: the inbox server and its account and token commands.
//
//   vigie inbox serve --db sqlite:PATH|postgresql://... --listen HOST:PORT
//                     [--packs DIR]
//   vigie inbox token add NAME --db ...      prints a new deployment token
//   vigie inbox user add NAME --password-stdin --db ...
#ifndef VIGIE_TOOLS_INBOX_INBOX_COMMAND_H_
#define VIGIE_TOOLS_INBOX_INBOX_COMMAND_H_

#include <string>
#include <vector>

namespace vigie::inbox {

// `args` are the words after `vigie inbox`. Returns the process exit code:
// 0 on success, 2 for bad input (with a one-line reason on stderr), 1 when
// the command could not run (database unreachable...).
int RunInboxCommand(const std::vector<std::string>& args);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_INBOX_COMMAND_H_
