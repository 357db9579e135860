#include "services/notification/directory.h"

#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "services/notification/sql.h"

namespace helpdesk::notification {
namespace {

int64_t VersionOf(const events::v1::EventMeta& meta) {
  return google::protobuf::util::TimeUtil::TimestampToMicroseconds(meta.occurred_at());
}

}  // namespace

std::optional<CompanyCopy> PgDirectory::Company(const std::string& id) {
  pqxx::result rows = tx_.exec_params(sql::kFindCompany, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return CompanyCopy{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                     r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<bool>()};
}

std::optional<AccountCopy> PgDirectory::Account(const std::string& id) {
  pqxx::result rows = tx_.exec_params(sql::kFindAccount, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return AccountCopy{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                     r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
                     r[6].as<std::string>(), r[7].as<bool>()};
}

std::optional<TicketCopy> PgDirectory::Ticket(const std::string& id) {
  pqxx::result rows = tx_.exec_params(sql::kFindTicket, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return TicketCopy{r[0].as<std::string>(), r[1].as<int64_t>(),     r[2].as<std::string>(),
                    r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()};
}

void PgDirectory::Apply(const events::v1::CompanyChanged& e) {
  tx_.exec_params(sql::kUpsertCompany, e.company_id(), e.name(), e.vat_number(),
                  e.notification_email(), e.language().empty() ? "it" : e.language(), e.active(),
                  VersionOf(e.meta()));
}

void PgDirectory::Apply(const events::v1::AccountChanged& e) {
  tx_.exec_params(sql::kUpsertAccount, e.account_id(), e.username(), e.display_name(),
                  common::v1::Person::Role_Name(e.role()), e.company_id(), e.email(),
                  e.language().empty() ? "it" : e.language(), e.active(), VersionOf(e.meta()));
}

void PgDirectory::UpsertTicket(const TicketCopy& t) {
  if (t.id.empty()) return;
  tx_.exec_params(sql::kUpsertTicket, t.id, t.number, t.subject, t.company_id, t.published_by_id,
                  t.assignee_id);
}

}  // namespace helpdesk::notification
