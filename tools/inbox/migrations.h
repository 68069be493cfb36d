// Versioned schema migrations of the inbox database, one list per dialect.
// Append new versions; never edit a published one.
#ifndef VIGIE_TOOLS_INBOX_MIGRATIONS_H_
#define VIGIE_TOOLS_INBOX_MIGRATIONS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "sql_database.h"

namespace vigie::inbox {

struct Migration {
  int64_t version;
  std::string_view sql;
};

const std::vector<Migration>& MigrationsFor(SqlDialect dialect);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_MIGRATIONS_H_
