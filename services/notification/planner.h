// Who gets which e-mail for each event (SPEC §3, issue 7), decided from the
// event and the local copies alone:
//   - a consultant's reply (never an internal note) → the company's
//     notification e-mail in the company's language, and the named contact
//     who opened the ticket (not the company's own VAT-number account) when
//     their e-mail differs, in the contact's language;
//   - a new ticket → the consultants' queue address;
//   - a customer's message → the assignee (the queue while nobody has it);
//   - the customer closed the ticket → the assignee;
//   - a password reset → the e-mail in the event, with the link;
//   - SLA warning / breach → the assignee, or the queue when unassigned, and
//     on a breach also the manager address.
// A recipient whose address is unknown or invalid is left out and reported
// in `skipped`; nothing is retried for it.
//
//   Planner planner(settings, directory);
//   Plan plan = planner.For(message_added_event);
//   for (const PlannedMail& mail : plan.mails) …  // render and queue
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "helpdesk/events/v1/events.pb.h"
#include "services/notification/directory.h"
#include "services/notification/template_set.h"

namespace helpdesk::notification {

struct PlannerSettings {
  std::string queue_email;    // QUEUE_EMAIL; empty: queue mails are skipped
  std::string manager_email;  // MANAGER_EMAIL; empty: no breach copy
  std::string staff_language = "it";
  std::string public_url = "http://127.0.0.1:8080";  // the portal, no trailing '/'
  absl::TimeZone time_zone;                          // how dates are written in mails (Europe/Rome)
};

struct PlannedMail {
  MailKind kind;
  std::string ticket_id;  // empty for a password reset
  std::string recipient;
  std::string language;  // "it" or "en"
  TemplateValues values;
};

struct Plan {
  std::vector<PlannedMail> mails;
  std::vector<std::string> skipped;  // why a recipient was left out, for the log
};

class Planner {
 public:
  Planner(const PlannerSettings& settings, Directory& directory)
      : settings_(settings), directory_(directory) {}

  Plan For(const events::v1::TicketCreated& event);
  Plan For(const events::v1::MessageAdded& event);
  Plan For(const events::v1::TicketClosed& event);
  Plan For(const events::v1::PasswordResetRequested& event);
  Plan For(const events::v1::SlaWarning& event);
  Plan For(const events::v1::SlaBreached& event);

  // "#000221" (six digits, more when it outgrows them).
  static std::string TicketNumber(int64_t number);

 private:
  // The values every ticket mail has; `number`/`subject` from the event when
  // it carries them, else from the ticket copy.
  TemplateValues TicketValues(const std::string& ticket_id, const std::string& company_id,
                              int64_t number, const std::string& subject);
  std::string FormatTime(const google::protobuf::Timestamp& t) const;
  // Adds a mail to an account, or says why not.
  void ToAccount(Plan& plan, MailKind kind, const std::string& ticket_id,
                 const std::string& account_id, const std::string& role_for_log,
                 const TemplateValues& values);
  void ToQueue(Plan& plan, MailKind kind, const std::string& ticket_id,
               const TemplateValues& values);
  void Add(Plan& plan, MailKind kind, const std::string& ticket_id, const std::string& recipient,
           const std::string& language, const TemplateValues& values,
           const std::string& who_for_log);
  Plan ForSla(MailKind kind, const std::string& ticket_id, const std::string& company_id,
              const std::string& assignee_id, int64_t number, const std::string& sla_kind,
              const google::protobuf::Timestamp& due_at);

  const PlannerSettings& settings_;
  Directory& directory_;
};

}  // namespace helpdesk::notification
