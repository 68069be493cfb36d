// The inbox store written once over SqlDatabase, for SQLite and PostgreSQL.
#ifndef VIGIE_TOOLS_INBOX_SQL_STORE_H_
#define VIGIE_TOOLS_INBOX_SQL_STORE_H_

#include <memory>

#include "sql_database.h"
#include "store.h"

namespace vigie::inbox {

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlDatabase> database);

}  // namespace vigie::inbox

#endif  // VIGIE_TOOLS_INBOX_SQL_STORE_H_
