// Transactions with the error mapping every store uses.
//
//   absl::StatusOr<int64_t> id = db::InTransaction<int64_t>(pool,
//       [&](pqxx::work& tx) -> absl::StatusOr<int64_t> {
//         pqxx::result r = tx.exec_prepared("insert_ticket", ...);
//         return r[0][0].as<int64_t>();
//       });
//
// The function runs in a READ COMMITTED transaction that is committed when it
// returns OK and rolled back otherwise. Serialization failures and deadlocks
// are retried (a few times, with a short back-off); libpqxx exceptions become
// statuses: unique violation → ALREADY_EXISTS, lost connection → UNAVAILABLE,
// other constraint violations → FAILED_PRECONDITION, anything else → INTERNAL.
#pragma once

#include <exception>
#include <functional>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/db/pool.h"

namespace helpdesk::db {

absl::Status MapException(const std::exception& e);

absl::Status InTransaction(Pool& pool, const std::function<absl::Status(pqxx::work&)>& fn);

// For a single read: the statement runs on its own, without BEGIN and
// COMMIT, saving two round trips on the hottest reads. Same error mapping.
absl::Status ReadOnce(Pool& pool, const std::function<absl::Status(pqxx::nontransaction&)>& fn);

template <typename T>
absl::StatusOr<T> ReadOnce(Pool& pool,
                           const std::function<absl::StatusOr<T>(pqxx::nontransaction&)>& fn) {
  absl::StatusOr<T> result = absl::InternalError("read did not run");
  absl::Status status = ReadOnce(pool, [&](pqxx::nontransaction& tx) -> absl::Status {
    result = fn(tx);
    return result.status();
  });
  if (!status.ok()) return status;
  return result;
}

template <typename T>
absl::StatusOr<T> InTransaction(Pool& pool,
                                const std::function<absl::StatusOr<T>(pqxx::work&)>& fn) {
  absl::StatusOr<T> result = absl::InternalError("transaction did not run");
  absl::Status status = InTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
    result = fn(tx);
    return result.status();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace helpdesk::db
