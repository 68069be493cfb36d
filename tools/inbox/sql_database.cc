#include "sql_database.h"

#include <utility>

#include "absl/strings/numbers.h"

namespace vigie::inbox {

SqlLease::SqlLease(SqlDatabase* owner,
                   std::unique_ptr<SqlConnection> connection, bool for_write)
    : owner_(owner),
      connection_(std::move(connection)),
      for_write_(for_write) {}

SqlLease::SqlLease(SqlLease&& other) noexcept
    : owner_(other.owner_),
      connection_(std::move(other.connection_)),
      for_write_(other.for_write_) {
  other.owner_ = nullptr;
}

SqlLease::~SqlLease() {
  if (owner_ != nullptr && connection_ != nullptr) {
    owner_->Release(std::move(connection_), for_write_);
  }
}

absl::StatusOr<int64_t> QueryInt(SqlConnection& connection,
                                 std::string_view sql,
                                 const std::vector<SqlValue>& params) {
  absl::StatusOr<SqlRows> rows = connection.Query(sql, params);
  if (!rows.ok()) {
    return rows.status();
  }
  if (rows->empty() || rows->front().empty() || !rows->front()[0]) {
    return absl::NotFoundError("query returned no value");
  }
  int64_t value = 0;
  if (!absl::SimpleAtoi(*rows->front()[0], &value)) {
    return absl::InternalError("integer value expected");
  }
  return value;
}

}  // namespace vigie::inbox
