#include "services/identity/store.h"

#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/ids/ids.h"
#include "libs/status/status_macros.h"
#include "services/identity/sql.h"
#include "services/identity/store_rows.h"

namespace helpdesk::identity {
namespace {

using internal::AccountFromRow;
using internal::PublishAccount;

v1::Company CompanyFromRow(const pqxx::row& r) {
  v1::Company c;
  c.set_id(r[0].as<std::string>());
  c.set_name(r[1].as<std::string>());
  c.set_vat_number(r[2].as<std::string>());
  c.set_notification_email(r[3].as<std::string>());
  c.mutable_contract()->set_hourly_rate_cents(r[6].as<int64_t>());
  c.mutable_contract()->set_urgent_call_fee_cents(r[7].as<int64_t>());
  c.mutable_contract()->set_calendar(r[8].as<std::string>());
  c.set_active(r[9].as<bool>());
  *c.mutable_created_at() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(r[10].as<int64_t>());
  return c;
}

// The CompanyChanged event of the company's current row.
absl::Status PublishCompany(pqxx::work& tx, const std::string& id) {
  pqxx::result rows = tx.exec_params(sql::kSelectCompany, id);
  if (rows.empty()) return absl::NotFoundError("company not found");
  const auto& r = rows[0];
  events::v1::CompanyChanged event;
  event.set_company_id(id);
  event.set_name(r[1].as<std::string>());
  event.set_vat_number(r[2].as<std::string>());
  event.set_notification_email(r[3].as<std::string>());
  event.set_notification_email_set(r[4].as<bool>());
  event.set_language(r[5].as<std::string>());
  event.set_hourly_rate_cents(r[6].as<int64_t>());
  event.set_urgent_call_fee_cents(r[7].as<int64_t>());
  event.set_calendar(r[8].as<std::string>());
  event.set_active(r[9].as<bool>());
  return events::Enqueue(tx, event).status();
}

absl::StatusOr<std::optional<Account>> FindOne(db::Pool& pool, const char* query,
                                               const std::string& key) {
  return db::InTransaction<std::optional<Account>>(
      pool, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<Account>> {
        pqxx::result rows = tx.exec_params(query, key);
        if (rows.empty()) return std::optional<Account>();
        return AccountFromRow(rows[0]);
      });
}

}  // namespace

namespace internal {

Account AccountFromRow(const pqxx::row& r) {
  Account a;
  a.id = r[0].as<std::string>();
  a.username = r[1].as<std::string>();
  a.display_name = r[2].as<std::string>();
  a.role = r[3].as<std::string>();
  a.company_id = r[4].as<std::string>();
  a.password_hash = r[5].as<std::string>();
  a.password_expired = r[6].as<bool>();
  a.active = r[7].as<bool>();
  a.password_version = r[8].as<int>();
  a.email = r[9].as<std::string>();
  a.language = r[10].as<std::string>();
  a.company_name = r[11].as<std::string>();
  a.company_email = r[12].as<std::string>();
  a.company_email_set = r[13].as<bool>();
  a.company_vat_number = r[14].as<std::string>();
  return a;
}

// The AccountChanged event of the account's current row.
absl::Status PublishAccount(pqxx::work& tx, const std::string& id) {
  pqxx::row r = tx.exec_params1(sql::kAccountForEvent, id);
  events::v1::AccountChanged event;
  event.set_account_id(id);
  event.set_username(r[0].as<std::string>());
  event.set_display_name(r[1].as<std::string>());
  common::v1::Person::Role role = common::v1::Person::ROLE_UNSPECIFIED;
  common::v1::Person::Role_Parse(r[2].as<std::string>(), &role);
  event.set_role(role);
  event.set_company_id(r[3].as<std::string>());
  event.set_email(r[4].as<std::string>());
  event.set_language(r[5].as<std::string>());
  event.set_active(r[6].as<bool>());
  return events::Enqueue(tx, event).status();
}

}  // namespace internal

absl::StatusOr<std::optional<Account>> IdentityStore::FindAccountByUsername(
    const std::string& username) {
  return FindOne(pool_, sql::kFindAccountByUsername, username);
}

absl::StatusOr<std::optional<Account>> IdentityStore::FindAccount(const std::string& id) {
  if (!ids::IsUuid(id)) return std::optional<Account>();
  return FindOne(pool_, sql::kFindAccountById, id);
}

absl::Status IdentityStore::UpsertStaff(const std::string& username,
                                        const std::string& display_name, const std::string& role,
                                        const std::string& email,
                                        const std::string& password_hash) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    std::string id = tx.exec_params1(sql::kUpsertStaff, ids::NewUuid(), username, display_name,
                                     role, email, password_hash)[0]
                         .as<std::string>();
    return PublishAccount(tx, id);
  });
}

absl::StatusOr<bool> IdentityStore::CompanyExists(const std::string& vat_number) {
  return db::InTransaction<bool>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<bool> {
    return !tx.exec_params(sql::kCompanyByVat, vat_number).empty();
  });
}

absl::StatusOr<v1::Company> IdentityStore::CreateCompany(const NewCompany& in,
                                                         const std::string& password_hash) {
  std::string id = ids::NewUuid();
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    if (!tx.exec_params(sql::kCompanyByVat, in.vat_number).empty()) {
      return absl::AlreadyExistsError("vatNumber: a company with this VAT number exists");
    }
    tx.exec_params(sql::kInsertCompany, id, in.name, in.vat_number, in.notification_email,
                   in.language, in.hourly_rate_cents, in.urgent_call_fee_cents, in.calendar);
    std::string account_id = ids::NewUuid();
    tx.exec_params(sql::kInsertCompanyAccount, account_id, in.vat_number, in.name, id,
                   in.notification_email, in.language, password_hash);
    HELPDESK_RETURN_IF_ERROR(PublishAccount(tx, account_id));
    return PublishCompany(tx, id);
  });
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError("vatNumber: a company with this VAT number exists");
  }
  if (!status.ok()) return status;
  return GetCompany(id);
}

absl::StatusOr<v1::Company> IdentityStore::GetCompany(const std::string& id) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("company not found");
  return db::InTransaction<v1::Company>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Company> {
    pqxx::result rows = tx.exec_params(sql::kSelectCompany, id);
    if (rows.empty()) return absl::NotFoundError("company not found");
    return CompanyFromRow(rows[0]);
  });
}

absl::StatusOr<v1::ListCompaniesResponse> IdentityStore::ListCompanies(
    const std::string& q, int page_size, const std::string& page_token) {
  // The page token is the last row's (name, id), as "id|name".
  std::string after_name, after_id;
  if (!page_token.empty()) {
    size_t bar = page_token.find('|');
    if (bar == std::string::npos) return absl::InvalidArgumentError("pageToken: not valid");
    after_id = page_token.substr(0, bar);
    after_name = page_token.substr(bar + 1);
  }
  return db::InTransaction<v1::ListCompaniesResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListCompaniesResponse> {
        pqxx::result rows =
            tx.exec_params(sql::kListCompanies, q, after_name, after_id, page_size + 1);
        v1::ListCompaniesResponse response;
        for (int i = 0; i < static_cast<int>(rows.size()) && i < page_size; ++i) {
          *response.add_companies() = CompanyFromRow(rows[i]);
        }
        if (static_cast<int>(rows.size()) > page_size) {
          const auto& last = response.companies(page_size - 1);
          response.set_next_page_token(absl::StrCat(last.id(), "|", last.name()));
        }
        return response;
      });
}

absl::StatusOr<v1::Company> IdentityStore::UpdateCompany(const std::string& id,
                                                         const CompanyChanges& c) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("company not found");
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result updated =
        tx.exec_params(sql::kUpdateCompany, id, c.name, c.notification_email, c.active,
                       c.hourly_rate_cents, c.urgent_call_fee_cents, c.calendar);
    if (updated.affected_rows() == 0) return absl::NotFoundError("company not found");
    return PublishCompany(tx, id);
  });
  if (!status.ok()) return status;
  return GetCompany(id);
}

absl::Status IdentityStore::SetNotificationEmail(const std::string& company_id,
                                                 const std::string& email) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result updated = tx.exec_params(sql::kSetNotificationEmail, company_id, email);
    if (updated.affected_rows() == 0) return absl::NotFoundError("company not found");
    return PublishCompany(tx, company_id);
  });
}

}  // namespace helpdesk::identity
