#include "services/notification/planner.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/notification/mime.h"

namespace helpdesk::notification {
namespace {

using common::v1::Person;

// Words the templates show for enum values, in the manual's terms.
std::string Label(std::string_view value, const std::string& language) {
  static const auto* kLabels =
      new std::map<std::string, std::pair<const char*, const char*>, std::less<>>{
          {"HIGH", {"Alta", "High"}},
          {"MEDIUM", {"Media", "Medium"}},
          {"LOW", {"Bassa", "Low"}},
          {"PORTAL", {"Portale", "Portal"}},
          {"PHONE", {"Telefono", "Phone"}},
          {"EMAIL", {"E-mail", "E-mail"}},
          {"MOBILE", {"Cellulare", "Mobile"}},
          {"SMS", {"SMS", "SMS"}},
          {"OTHER", {"Altro", "Other"}},
          {"TAKE_IN_CHARGE", {"presa in carico", "take-in-charge"}},
          {"ON_SITE", {"intervento urgente on-site", "urgent on-site intervention"}},
      };
  auto it = kLabels->find(value);
  if (it == kLabels->end()) return std::string(value);
  return language == "en" ? it->second.second : it->second.first;
}

bool IsStaff(Person::Role role) {
  return role == Person::CONSULTANT || role == Person::ADMINISTRATOR;
}

bool SameAddress(const std::string& a, const std::string& b) {
  return absl::AsciiStrToLower(a) == absl::AsciiStrToLower(b);
}

}  // namespace

std::string Planner::TicketNumber(int64_t number) { return absl::StrFormat("#%06d", number); }

std::string Planner::FormatTime(const google::protobuf::Timestamp& t) const {
  absl::Time time =
      absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(t));
  return absl::FormatTime("%d/%m/%Y %H:%M", time, settings_.time_zone);
}

TemplateValues Planner::TicketValues(const std::string& ticket_id, const std::string& company_id,
                                     int64_t number, const std::string& subject) {
  std::optional<TicketCopy> ticket = directory_.Ticket(ticket_id);
  if (number == 0 && ticket.has_value()) number = ticket->number;
  std::string known_subject = !subject.empty() ? subject : ticket ? ticket->subject : "";
  std::string company = !company_id.empty() ? company_id : ticket ? ticket->company_id : "";
  std::optional<CompanyCopy> copy = directory_.Company(company);
  return {{"ticket_number", number > 0 ? TicketNumber(number) : ticket_id},
          {"ticket_subject", known_subject},
          {"ticket_url", absl::StrCat(settings_.public_url, "/#/tickets/", ticket_id)},
          {"company_name", copy ? copy->name : ""},
          {"portal_url", settings_.public_url}};
}

void Planner::Add(Plan& plan, MailKind kind, const std::string& ticket_id,
                  const std::string& recipient, const std::string& language,
                  const TemplateValues& values, const std::string& who_for_log) {
  if (!IsValidAddress(recipient)) {
    plan.skipped.push_back(absl::StrCat(
        KindName(kind), ": ", who_for_log,
        recipient.empty() ? " has no known e-mail address" : " has an invalid e-mail address"));
    return;
  }
  for (const auto& mail : plan.mails) {
    if (mail.kind == kind && SameAddress(mail.recipient, recipient)) return;
  }
  plan.mails.push_back({kind, ticket_id, recipient, NormalizeLanguage(language), values});
}

void Planner::ToAccount(Plan& plan, MailKind kind, const std::string& ticket_id,
                        const std::string& account_id, const std::string& role_for_log,
                        const TemplateValues& values) {
  std::optional<AccountCopy> account = directory_.Account(account_id);
  std::string who = absl::StrCat(role_for_log, " ", account_id);
  if (!account.has_value()) {
    plan.skipped.push_back(absl::StrCat(KindName(kind), ": ", who, " is not known (yet)"));
  } else if (!account->active) {
    plan.skipped.push_back(absl::StrCat(KindName(kind), ": ", who, " is disabled"));
  } else {
    Add(plan, kind, ticket_id, account->email, account->language, values, who);
  }
}

void Planner::ToQueue(Plan& plan, MailKind kind, const std::string& ticket_id,
                      const TemplateValues& values) {
  Add(plan, kind, ticket_id, settings_.queue_email, settings_.staff_language, values,
      "the consultants' queue (HELPDESK_QUEUE_EMAIL)");
}

Plan Planner::For(const events::v1::TicketCreated& e) {
  Plan plan;
  TemplateValues values = TicketValues(e.ticket_id(), e.company_id(), e.number(), e.subject());
  const std::string& language = settings_.staff_language;
  values["priority"] = Label(e.priority(), NormalizeLanguage(language));
  values["scope"] = e.scope();
  values["channel"] = Label(e.channel(), NormalizeLanguage(language));
  values["published_by"] = e.meta().actor().display_name();
  ToQueue(plan, MailKind::kTicketCreated, e.ticket_id(), values);
  return plan;
}

Plan Planner::For(const events::v1::MessageAdded& e) {
  Plan plan;
  if (e.internal()) return plan;  // internal notes are never mailed
  TemplateValues values = TicketValues(e.ticket_id(), e.company_id(), e.number(), e.subject());
  values["author_name"] = e.author().display_name();
  values["note"] = e.note();
  if (!IsStaff(e.author().role())) {
    if (e.has_assignee() && !e.assignee().id().empty()) {
      ToAccount(plan, MailKind::kCustomerMessage, e.ticket_id(), e.assignee().id(), "assignee",
                values);
    } else {
      ToQueue(plan, MailKind::kCustomerMessage, e.ticket_id(), values);
    }
    return plan;
  }
  std::optional<CompanyCopy> company = directory_.Company(e.company_id());
  if (!company.has_value()) {
    plan.skipped.push_back(
        absl::StrCat("ticket_reply: company ", e.company_id(), " is not known (yet)"));
  } else {
    Add(plan, MailKind::kTicketReply, e.ticket_id(), company->notification_email, company->language,
        values, absl::StrCat("company ", company->id));
  }
  // A named contact who opened the ticket hears of the reply too; the
  // company's own (VAT-number) account is the notification e-mail above.
  std::optional<AccountCopy> contact = directory_.Account(e.published_by_id());
  if (contact.has_value() && contact->active && !contact->company_id.empty() &&
      contact->company_id == e.company_id() && contact->role == "CUSTOMER" &&
      (!company.has_value() || contact->username != company->vat_number) &&
      (!company.has_value() || !SameAddress(contact->email, company->notification_email))) {
    Add(plan, MailKind::kTicketReply, e.ticket_id(), contact->email, contact->language, values,
        absl::StrCat("contact ", contact->id));
  }
  return plan;
}

Plan Planner::For(const events::v1::TicketClosed& e) {
  Plan plan;
  if (IsStaff(e.meta().actor().role())) return plan;  // only the customer's closing is news
  TemplateValues values = TicketValues(e.ticket_id(), e.company_id(), e.number(), e.subject());
  values["closed_by"] = e.meta().actor().display_name();
  std::string assignee = e.assignee().id();
  if (assignee.empty()) {
    if (auto ticket = directory_.Ticket(e.ticket_id())) assignee = ticket->assignee_id;
  }
  if (assignee.empty()) {
    plan.skipped.push_back("ticket_closed: the ticket has no assignee");
    return plan;
  }
  ToAccount(plan, MailKind::kTicketClosed, e.ticket_id(), assignee, "assignee", values);
  return plan;
}

Plan Planner::For(const events::v1::PasswordResetRequested& e) {
  Plan plan;
  if (!absl::StartsWith(e.reset_url(), "https://") && !absl::StartsWith(e.reset_url(), "http://")) {
    plan.skipped.push_back("password_reset: the link is not an http(s) URL");
    return plan;
  }
  TemplateValues values = {{"reset_url", e.reset_url()},
                           {"expires_at", FormatTime(e.expires_at())},
                           {"portal_url", settings_.public_url}};
  Add(plan, MailKind::kPasswordReset, "", e.email(), e.language(), values,
      absl::StrCat("account ", e.account_id()));
  return plan;
}

Plan Planner::ForSla(MailKind kind, const std::string& ticket_id, const std::string& company_id,
                     const std::string& assignee_id, int64_t number, const std::string& sla_kind,
                     const google::protobuf::Timestamp& due_at) {
  Plan plan;
  TemplateValues values = TicketValues(ticket_id, company_id, number, "");
  values["due_at"] = FormatTime(due_at);
  std::string assignee = assignee_id;
  if (assignee.empty()) {
    if (auto ticket = directory_.Ticket(ticket_id)) assignee = ticket->assignee_id;
  }
  auto with_language = [&](const std::string& language) {
    TemplateValues v = values;
    v["sla_target"] =
        Label(sla_kind.empty() ? "TAKE_IN_CHARGE" : sla_kind, NormalizeLanguage(language));
    return v;
  };
  std::optional<AccountCopy> account =
      assignee.empty() ? std::nullopt : directory_.Account(assignee);
  if (account.has_value() && account->active && IsValidAddress(account->email)) {
    Add(plan, kind, ticket_id, account->email, account->language, with_language(account->language),
        absl::StrCat("assignee ", assignee));
  } else {
    if (!assignee.empty()) {
      plan.skipped.push_back(absl::StrCat(KindName(kind), ": assignee ", assignee,
                                          " has no known e-mail address; the queue is told"));
    }
    ToQueue(plan, kind, ticket_id, with_language(settings_.staff_language));
  }
  if (kind == MailKind::kSlaBreached) {
    Add(plan, kind, ticket_id, settings_.manager_email, settings_.staff_language,
        with_language(settings_.staff_language), "the manager (HELPDESK_MANAGER_EMAIL)");
  }
  return plan;
}

Plan Planner::For(const events::v1::SlaWarning& e) {
  return ForSla(MailKind::kSlaWarning, e.ticket_id(), e.company_id(), e.assignee_id(), e.number(),
                e.kind(), e.due_at());
}

Plan Planner::For(const events::v1::SlaBreached& e) {
  return ForSla(MailKind::kSlaBreached, e.ticket_id(), e.company_id(), e.assignee_id(), e.number(),
                e.kind(), e.due_at());
}

}  // namespace helpdesk::notification
