// Internal to the identity store's .cc files: an account from its row, and
// the AccountChanged event of an account's current row.
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "services/identity/store.h"

namespace helpdesk::identity::internal {

// A row of HELPDESK_ACCOUNT_COLUMNS (sql.h).
Account AccountFromRow(const pqxx::row& row);
// Enqueues AccountChanged in `tx`'s outbox.
absl::Status PublishAccount(pqxx::work& tx, const std::string& account_id);

}  // namespace helpdesk::identity::internal
