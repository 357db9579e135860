// The notification service's local copies of companies, accounts and
// tickets, kept from identity's and ticket's events (no synchronous calls):
// who to write to, in which language, about which ticket.
//
//   PgDirectory directory(tx);                      // the consumer's transaction
//   HELPDESK_RETURN_IF_ERROR(directory.Apply(company_changed_event));
//   std::optional<AccountCopy> assignee = directory.Account(id);
//
// A copy is only as fresh as the events applied: an event that names an
// account not seen yet finds nothing, and the mail to it is skipped and
// logged (planner.h).
#pragma once

#include <optional>
#include <pqxx/transaction>
#include <string>

#include "helpdesk/events/v1/events.pb.h"

namespace helpdesk::notification {

struct CompanyCopy {
  std::string id;
  std::string name;
  std::string vat_number;
  std::string notification_email;
  std::string language;
  bool active = true;
};

struct AccountCopy {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;        // "CUSTOMER", "CONSULTANT", "ADMINISTRATOR"
  std::string company_id;  // empty for staff
  std::string email;
  std::string language;
  bool active = true;
};

struct TicketCopy {
  std::string id;
  int64_t number = 0;
  std::string subject;
  std::string company_id;
  std::string published_by_id;
  std::string assignee_id;
};

// What the planner reads; tests give it a map.
class Directory {
 public:
  virtual ~Directory() = default;
  virtual std::optional<CompanyCopy> Company(const std::string& id) = 0;
  virtual std::optional<AccountCopy> Account(const std::string& id) = 0;
  virtual std::optional<TicketCopy> Ticket(const std::string& id) = 0;
};

// The copies in the service's schema, read and written in `tx`.
class PgDirectory final : public Directory {
 public:
  explicit PgDirectory(pqxx::work& tx) : tx_(tx) {}

  std::optional<CompanyCopy> Company(const std::string& id) override;
  std::optional<AccountCopy> Account(const std::string& id) override;
  std::optional<TicketCopy> Ticket(const std::string& id) override;

  // Upserts; an event older than the copy (by occurred_at) changes nothing.
  void Apply(const events::v1::CompanyChanged& event);
  void Apply(const events::v1::AccountChanged& event);
  // What a ticket event tells: number, subject, company, publisher,
  // assignee (empty fields leave what is known).
  void UpsertTicket(const TicketCopy& ticket);

 private:
  pqxx::work& tx_;
};

}  // namespace helpdesk::notification
