#include "libs/db/transaction.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/log/log.h"

namespace helpdesk::db {
namespace {

constexpr int kAttempts = 5;

bool Retryable(const std::exception& e) {
  return dynamic_cast<const pqxx::serialization_failure*>(&e) != nullptr ||
         dynamic_cast<const pqxx::deadlock_detected*>(&e) != nullptr;
}

}  // namespace

absl::Status MapException(const std::exception& e) {
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) {
    return absl::AlreadyExistsError("already exists");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
      dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return absl::UnavailableError("the database is unreachable");
  }
  if (Retryable(e)) return absl::AbortedError("concurrent update, try again");
  if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e) != nullptr) {
    return absl::FailedPreconditionError("a referenced record does not exist or is in use");
  }
  log::Error("database error", {{"error", e.what()}});
  return absl::InternalError("internal database error");
}

absl::Status InTransaction(Pool& pool, const std::function<absl::Status(pqxx::work&)>& fn) {
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<Pool::Lease> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    try {
      pqxx::work tx(**lease);
      absl::Status status = fn(tx);
      if (!status.ok()) {
        tx.abort();
        return status;
      }
      tx.commit();
      return absl::OkStatus();
    } catch (const std::exception& e) {
      if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) lease->Discard();
      if (Retryable(e) && attempt < kAttempts) {
        absl::SleepFor(absl::Milliseconds(5 * attempt));
        continue;
      }
      return MapException(e);
    }
  }
}

absl::Status ReadOnce(Pool& pool, const std::function<absl::Status(pqxx::nontransaction&)>& fn) {
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<Pool::Lease> lease = pool.Acquire();
    if (!lease.ok()) return lease.status();
    try {
      pqxx::nontransaction tx(**lease);
      return fn(tx);
    } catch (const std::exception& e) {
      // A connection that broke while idle in the pool (a database restart)
      // is retried once on a fresh one.
      bool broken = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
      if (broken) lease->Discard();
      if (broken && attempt < 2) continue;
      return MapException(e);
    }
  }
}

}  // namespace helpdesk::db
