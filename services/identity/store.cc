#include "services/identity/store.h"

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/ids/ids.h"
#include "services/identity/sql.h"

namespace helpdesk::identity {

absl::StatusOr<std::optional<AccountRow>> IdentityStore::FindAccount(const std::string& username) {
  return db::InTransaction<std::optional<AccountRow>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<AccountRow>> {
        pqxx::result rows = tx.exec_params(sql::kFindAccount, username);
        if (rows.empty()) return std::optional<AccountRow>();
        const auto& r = rows[0];
        return AccountRow{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                          r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
                          r[6].as<bool>(),        r[7].as<bool>()};
      });
}

absl::Status IdentityStore::UpsertStaff(const std::string& username,
                                        const std::string& display_name, const std::string& role,
                                        const std::string& email,
                                        const std::string& password_hash) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kUpsertStaff, ids::NewUuid(), username, display_name, role, email,
                   password_hash);
    return absl::OkStatus();
  });
}

absl::StatusOr<bool> IdentityStore::EnsureCompany(const std::string& name,
                                                  const std::string& vat_number,
                                                  const std::string& password_hash) {
  return db::InTransaction<bool>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<bool> {
    if (!tx.exec_params(sql::kCompanyByVat, vat_number).empty()) return false;
    std::string id = ids::NewUuid();
    pqxx::row c = tx.exec_params1(sql::kInsertCompany, id, name, vat_number);
    tx.exec_params(sql::kInsertCompanyAccount, ids::NewUuid(), vat_number, name, id,
                   password_hash);
    events::v1::CompanyChanged event;
    event.set_company_id(id);
    event.set_name(c[0].as<std::string>());
    event.set_vat_number(c[1].as<std::string>());
    event.set_active(c[2].as<bool>());
    event.set_calendar(c[3].as<std::string>());
    event.set_hourly_rate_cents(c[4].as<int64_t>());
    event.set_urgent_call_fee_cents(c[5].as<int64_t>());
    event.set_notification_email(c[6].as<std::string>());
    event.set_language(c[7].as<std::string>());
    absl::StatusOr<std::string> queued = events::Enqueue(tx, event);
    if (!queued.ok()) return queued.status();
    return true;
  });
}

}  // namespace helpdesk::identity
