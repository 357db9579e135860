// Table output of companies, the signed-in account, the work log, billing
// and deliveries.
#include "tools/helpdeskctl/views.h"

#include "absl/strings/str_cat.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "helpdesk/notification/v1/notification.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/billing/money.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/view_support.h"

namespace helpdesk::helpdeskctl {
namespace {

using ticket::v1::PricedEntry;
using ticket::v1::WorkLogEntry;

std::string Minutes(const WorkLogEntry& e) {
  if (!e.has_start() || !e.has_end()) return "";
  return absl::StrCat(absl::ToInt64Minutes(TimeOf(e.end()) - TimeOf(e.start())));
}

std::string Type(const WorkLogEntry& e) {
  return EnumText(WorkLogEntry::ServiceType_Name(e.service_type()));
}

// With a TICKET column first when `with_ticket`.
std::vector<std::string> PricedHeaders(bool with_ticket) {
  std::vector<std::string> headers = {"TYPE",     "START",  "END",  "ON-SITE", "INCLUDED",
                                      "BILLABLE", "NORMAL", "+50%", "+100%",   "AMOUNT"};
  if (with_ticket) headers.insert(headers.begin(), "TICKET");
  return headers;
}

std::vector<std::string> PricedRow(const PricedEntry& p, const absl::TimeZone& zone) {
  const WorkLogEntry& e = p.entry();
  return {Type(e),
          FormatTimestamp(e.start(), e.has_start(), zone),
          FormatTimestamp(e.end(), e.has_end(), zone),
          e.on_site() ? "yes" : "",
          absl::StrCat(p.included_minutes()),
          absl::StrCat(p.billable_minutes()),
          absl::StrCat(p.normal_minutes()),
          absl::StrCat(p.out_of_hours_minutes()),
          absl::StrCat(p.weekend_holiday_minutes()),
          billing::FormatEuros(p.amount_cents())};
}

}  // namespace

std::string CompaniesTable(const identity::v1::ListCompaniesResponse& response) {
  Table table(
      {"NAME", "VAT NUMBER", "NOTIFICATION E-MAIL", "RATE/H", "URGENT FEE", "ACTIVE", "ID"});
  for (const identity::v1::Company& c : response.companies()) {
    table.AddRow({OneLine(c.name(), 40), c.vat_number(), c.notification_email(),
                  billing::FormatEuros(c.contract().hourly_rate_cents()),
                  billing::FormatEuros(c.contract().urgent_call_fee_cents()), YesNo(c.active()),
                  c.id()});
  }
  std::string out = table.rows() == 0 ? "No companies.\n" : table.Render();
  if (!response.next_page_token().empty()) {
    absl::StrAppend(&out, "More: --page-token ", response.next_page_token(), "\n");
  }
  return out;
}

std::string CompanyDetails(const identity::v1::Company& c, const absl::TimeZone& zone) {
  return KeyValues({
      {"Name", c.name()},
      {"Id", c.id()},
      {"VAT number", c.vat_number()},
      {"Notification e-mail", c.notification_email()},
      {"Hourly rate", billing::FormatEuros(c.contract().hourly_rate_cents())},
      {"Urgent-call fee", billing::FormatEuros(c.contract().urgent_call_fee_cents())},
      {"Calendar", c.contract().calendar().empty() ? "default" : c.contract().calendar()},
      {"Active", YesNo(c.active())},
      {"Created", FormatTimestamp(c.created_at(), c.has_created_at(), zone)},
  });
}

std::string MeDetails(const identity::v1::Me& me) {
  return KeyValues({
      {"Username", me.username()},
      {"Name", me.account().display_name()},
      {"Role", EnumText(common::v1::Person::Role_Name(me.account().role()))},
      {"Company", me.company_name()},
      {"Language", me.language()},
      {"Password expired", me.must_change_password() ? "yes: change it in the portal" : ""},
  });
}

std::string WorkLogTable(const ticket::v1::ListWorkLogResponse& response,
                         const absl::TimeZone& zone) {
  Table table({"TYPE", "START", "END", "MINUTES", "ON-SITE", "CONSULTANT", "DESCRIPTION", "ID"});
  for (const WorkLogEntry& e : response.entries()) {
    table.AddRow({Type(e), FormatTimestamp(e.start(), e.has_start(), zone),
                  FormatTimestamp(e.end(), e.has_end(), zone), Minutes(e), e.on_site() ? "yes" : "",
                  e.consultant().display_name(), OneLine(e.description(), 40), e.id()});
  }
  return table.rows() == 0 ? "No work logged.\n" : table.Render();
}

std::string WorkLogEntryDetails(const WorkLogEntry& e, const absl::TimeZone& zone) {
  return KeyValues({
      {"Id", e.id()},
      {"Ticket", e.ticket_id()},
      {"Type", Type(e)},
      {"Start", FormatTimestamp(e.start(), e.has_start(), zone)},
      {"End", FormatTimestamp(e.end(), e.has_end(), zone)},
      {"Minutes", Minutes(e)},
      {"On-site", e.on_site() ? "yes" : ""},
      {"Consultant", e.consultant().display_name()},
      {"Description", e.description()},
  });
}

std::string BillingReportTable(const ticket::v1::BillingReport& report,
                               const absl::TimeZone& zone) {
  Table table(PricedHeaders(true));
  for (const ticket::v1::BillingTicket& t : report.tickets()) {
    for (const PricedEntry& p : t.entries()) {
      std::vector<std::string> row = PricedRow(p, zone);
      row.insert(row.begin(), t.number());
      table.AddRow(std::move(row));
    }
    if (t.urgent_call_fee_cents() > 0) {
      table.AddRow({t.number(), "urgent-call fee", "", "", "", "", "", "", "", "",
                    billing::FormatEuros(t.urgent_call_fee_cents())});
    }
  }
  std::string out = absl::StrCat("Billing of ", report.company_id(), " for ", report.month(), "\n");
  if (report.closed()) {
    absl::StrAppend(&out, "Closed for billing on ",
                    FormatTimestamp(report.closed_at(), report.has_closed_at(), zone), " by ",
                    report.closed_by().display_name(), "\n");
  } else {
    absl::StrAppend(&out, "Open: not closed for billing yet\n");
  }
  absl::StrAppend(&out, table.rows() == 0 ? "No billable work.\n" : table.Render());
  absl::StrAppend(&out, "Total: ", billing::FormatEuros(report.total_cents()), " EUR\n");
  return out;
}

std::string QuoteTable(const ticket::v1::QuoteBillingResponse& response,
                       const absl::TimeZone& zone) {
  Table table(PricedHeaders(false));
  for (const PricedEntry& p : response.entries()) table.AddRow(PricedRow(p, zone));
  return absl::StrCat(table.Render(), "Total: ", billing::FormatEuros(response.total_cents()),
                      " EUR\n");
}

std::string DeliveriesTable(const notification::v1::ListDeliveriesResponse& response,
                            const absl::TimeZone& zone) {
  using notification::v1::Delivery;
  Table table({"KIND", "RECIPIENT", "STATUS", "ATTEMPTS", "CREATED", "SENT", "LAST ERROR"});
  for (const Delivery& d : response.deliveries()) {
    table.AddRow(
        {d.kind(), d.recipient(), EnumText(Delivery::Status_Name(d.status())),
         absl::StrCat(d.attempts()), FormatTimestamp(d.created_at(), d.has_created_at(), zone),
         FormatTimestamp(d.sent_at(), d.has_sent_at(), zone), OneLine(d.last_error(), 60)});
  }
  return table.rows() == 0 ? "No deliveries.\n" : table.Render();
}

}  // namespace helpdesk::helpdeskctl
