#include "tools/helpdeskctl/views.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "helpdesk/identity/v1/identity.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/calendar/calendar.h"
#include "tools/helpdeskctl/output.h"

namespace helpdesk::helpdeskctl {
namespace {

using ::testing::HasSubstr;
using ticket::v1::Ticket;

absl::TimeZone Rome() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone));
  return zone;
}

absl::Time RomeTime(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), Rome());
}

Ticket SampleTicket() {
  Ticket t;
  t.set_id("7b0c7a0e-0000-4000-8000-000000000221");
  t.set_number("#000221");
  t.set_subject("Errore in archiviazione");
  t.set_company_name("Uno S.r.l.");
  t.set_priority(Ticket::HIGH);
  t.set_status(Ticket::OPEN);
  SetTimestamp(RomeTime(2025, 6, 17, 10, 0), t.mutable_created_at());
  SetTimestamp(RomeTime(2025, 6, 17, 12, 0), t.mutable_sla_due_at());
  return t;
}

TEST(TicketsTable, NumbersStatusesAndLocalTimes) {
  ticket::v1::ListTicketsResponse response;
  *response.add_tickets() = SampleTicket();
  response.set_next_page_token("abc");
  const std::string table = TicketsTable(response, Rome());
  EXPECT_THAT(table, HasSubstr("NUMBER   SUBJECT"));
  EXPECT_THAT(table, HasSubstr("#000221  Errore in archiviazione  Uno S.r.l.  HIGH      OPEN"));
  EXPECT_THAT(table, HasSubstr("2025-06-17 10:00  2025-06-17 12:00"));
  EXPECT_THAT(table, HasSubstr("More: --page-token abc"));
  EXPECT_EQ(TicketsTable({}, Rome()), "No tickets.\n");
}

TEST(QueueTable, TheServersRemainingBusinessTimeAndState) {
  ticket::v1::ListTicketsResponse response;
  Ticket warning = SampleTicket();
  warning.set_sla_remaining_minutes(30);
  warning.set_sla_state(Ticket::WARNING);
  *response.add_tickets() = warning;
  Ticket late = SampleTicket();
  late.set_number("#000222");
  late.set_sla_remaining_minutes(-60);
  late.set_sla_state(Ticket::BREACHED);
  *response.add_tickets() = late;
  Ticket no_due = SampleTicket();
  no_due.set_number("#000223");
  no_due.clear_sla_due_at();
  *response.add_tickets() = no_due;
  const std::string table = QueueTable(response, Rome());
  EXPECT_THAT(table, HasSubstr("LEFT        SLA"));
  EXPECT_THAT(table, HasSubstr("2025-06-17 12:00  0h30m       WARNING"));
  EXPECT_THAT(table, HasSubstr("2025-06-17 12:00  late 1h00m  BREACHED"));
  // The server's order is kept.
  EXPECT_LT(table.find("#000221"), table.find("#000222"));
  EXPECT_LT(table.find("#000222"), table.find("#000223"));
  EXPECT_EQ(QueueTable({}, Rome()), "No open tickets.\n");
  EXPECT_EQ(BusinessTimeLeft(absl::Minutes(150)), "2h30m");
  EXPECT_EQ(BusinessTimeLeft(-absl::Minutes(45)), "late 0h45m");
}

TEST(TicketDetails, LeavesOutWhatIsNotSet) {
  const std::string details = TicketDetails(SampleTicket(), Rome());
  EXPECT_THAT(details, HasSubstr("Number:    #000221\n"));
  EXPECT_THAT(details, HasSubstr("SLA due:   2025-06-17 12:00\n"));
  EXPECT_THAT(details, ::testing::Not(HasSubstr("Assignee")));
}

TEST(ThreadText, KeepsLinesAndMarksInternalNotes) {
  ticket::v1::ListMessagesResponse response;
  ticket::v1::Message* first = response.add_messages();
  first->set_note("La stampa si blocca.\nDa ieri.");
  first->mutable_author()->set_display_name("Uno S.r.l.");
  first->mutable_author()->set_role(common::v1::Person::CUSTOMER);
  ticket::v1::Message* note = response.add_messages();
  note->set_note("Chiamare il fornitore");
  note->set_internal(true);
  note->mutable_author()->set_display_name("Mario");
  note->mutable_author()->set_role(common::v1::Person::CONSULTANT);
  const std::string text = ThreadText(response, Rome());
  EXPECT_THAT(text,
              HasSubstr("[1]   Uno S.r.l. (CUSTOMER)\n    La stampa si blocca.\n    Da ieri.\n"));
  EXPECT_THAT(text, HasSubstr("[2]   Mario (CONSULTANT)  [internal note]\n"));
}

TEST(CompaniesTable, AmountsInEuros) {
  identity::v1::ListCompaniesResponse response;
  identity::v1::Company* c = response.add_companies();
  c->set_name("Uno S.r.l.");
  c->set_vat_number("12345678903");
  c->mutable_contract()->set_hourly_rate_cents(6000);
  c->mutable_contract()->set_urgent_call_fee_cents(5050);
  c->set_active(true);
  EXPECT_THAT(CompaniesTable(response), HasSubstr("Uno S.r.l.  12345678903"));
  EXPECT_THAT(CompaniesTable(response), HasSubstr("60.00   50.50       yes"));
}

TEST(BillingReportTable, EntriesFeeAndTotal) {
  ticket::v1::BillingReport report;
  report.set_company_id("co-1");
  report.set_month("2025-06");
  ticket::v1::BillingTicket* t = report.add_tickets();
  t->set_number("#000221");
  ticket::v1::PricedEntry* p = t->add_entries();
  p->mutable_entry()->set_service_type(ticket::v1::WorkLogEntry::SAD);
  SetTimestamp(RomeTime(2025, 6, 17, 18, 0), p->mutable_entry()->mutable_start());
  SetTimestamp(RomeTime(2025, 6, 17, 19, 0), p->mutable_entry()->mutable_end());
  p->set_billable_minutes(60);
  p->set_normal_minutes(30);
  p->set_out_of_hours_minutes(30);
  p->set_amount_cents(7500);
  t->set_urgent_call_fee_cents(5000);
  report.set_total_cents(12500);
  const std::string table = BillingReportTable(report, Rome());
  EXPECT_THAT(table, HasSubstr("Billing of co-1 for 2025-06\n"));
  EXPECT_THAT(table, HasSubstr("#000221  SAD"));
  EXPECT_THAT(table, HasSubstr("75.00"));
  EXPECT_THAT(table, HasSubstr("urgent-call fee"));
  EXPECT_THAT(table, HasSubstr("Total: 125.00 EUR\n"));
  EXPECT_THAT(table, HasSubstr("Open: not closed for billing yet\n"));

  report.set_closed(true);
  SetTimestamp(RomeTime(2025, 7, 2, 9, 30), report.mutable_closed_at());
  report.mutable_closed_by()->set_display_name("Amministratore");
  EXPECT_THAT(BillingReportTable(report, Rome()),
              HasSubstr("for 2025-06\nClosed for billing on 2025-07-02 09:30 by Amministratore\n"));
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
