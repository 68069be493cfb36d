// The inbox's HTTP routes, registered on a cpp-httplib server.
#ifndef VIGIE_TOOLS_INBOX_HTTP_API_H_
#define VIGIE_TOOLS_INBOX_HTTP_API_H_

#include <httplib.h>

#include <string>

#include "inbox_context.h"

namespace vigie::inbox {

// POST /api/v1/reports: the extension's reports, with a deployment token.
void RegisterReportsApi(httplib::Server& server, InboxContext& context);

// /api/v1/session: sign in (POST), who am I (GET), sign out (DELETE).
void RegisterSessionApi(httplib::Server& server, InboxContext& context);

// /api/v1/cases...: the list, a case, its state and notes, the CSV export.
// All need a signed-in session; changes also need the CSRF token.
void RegisterCasesApi(httplib::Server& server, InboxContext& context);

// The web UI's files, with a strict Content-Security-Policy.
void RegisterUi(httplib::Server& server);

// GET /packs/NAME: the published rule packs, read from `packs_dir`.
void RegisterPacks(httplib::Server& server, const std::string& packs_dir);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_HTTP_API_H_
