// SQLite driver for the inbox store: one file in WAL mode, a single writer
// connection and a few readers.
#ifndef VIGIE_TOOLS_INBOX_SQLITE_STORE_H_
#define VIGIE_TOOLS_INBOX_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "sql_database.h"

namespace vigie::inbox {

// Opens (creating if needed) the SQLite database file at `path`.
absl::StatusOr<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(
    const std::string& path);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_SQLITE_STORE_H_
