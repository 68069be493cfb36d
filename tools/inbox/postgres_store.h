// PostgreSQL driver for the inbox store (libpq), for a deployment that serves
// several hospitals from one database server.
#ifndef VIGIE_TOOLS_INBOX_POSTGRES_STORE_H_
#define VIGIE_TOOLS_INBOX_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "sql_database.h"

namespace vigie::inbox {

// Connects to `conninfo` (a "postgresql://..." URI) and keeps a small pool.
absl::StatusOr<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(
    const std::string& conninfo);

// "a = ? AND b = ?" -> "a = $1 AND b = $2". Queries never hold `?` literals.
std::string ToPostgresPlaceholders(std::string_view sql);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_POSTGRES_STORE_H_
