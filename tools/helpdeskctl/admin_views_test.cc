// Table output of accounts, catalog entries and the SLA report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "helpdesk/identity/v1/identity.pb.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using ::testing::HasSubstr;

TEST(AccountsTable, RoleStateAndPaging) {
  identity::v1::ListAccountsResponse response;
  identity::v1::Account* a = response.add_accounts();
  a->set_id("a-1");
  a->set_username("mrossi");
  a->set_display_name("Mario Rossi");
  a->set_role(common::v1::Person::CONSULTANT);
  a->set_email("m.rossi@example.it");
  a->set_language("it");
  a->set_active(true);
  a->set_must_change_password(true);
  response.set_next_page_token("next");
  const std::string table = AccountsTable(response);
  EXPECT_THAT(table, HasSubstr("mrossi    Mario Rossi  CONSULTANT  m.rossi@example.it  it        "
                               "yes     yes"));
  EXPECT_THAT(table, HasSubstr("More: --page-token next\n"));
  EXPECT_EQ(AccountsTable({}), "No accounts.\n");
  EXPECT_THAT(AccountDetails(*a), HasSubstr("Must change password:  yes\n"));
  EXPECT_THAT(AccountDetails(*a), ::testing::Not(HasSubstr("Company")));
}

TEST(ScopeDetails, TheScopeAndItsTopics) {
  ticket::v1::Scope scope;
  scope.set_code("XCROSS_ERP");
  scope.set_name("XCross ERP");
  scope.set_active(false);
  ticket::v1::Topic* topic = scope.add_topics();
  topic->set_code("XCROSS_ERP.IVA");
  topic->set_name("IVA");
  const std::string details = ScopeDetails(scope);
  EXPECT_THAT(details, HasSubstr("Scope:   XCROSS_ERP\n"));
  EXPECT_THAT(details, HasSubstr("Active:  no\n"));
  EXPECT_THAT(details, HasSubstr("  XCROSS_ERP.IVA  IVA  (retired)\n"));
  EXPECT_THAT(TopicDetails(*topic), HasSubstr("Topic:   XCROSS_ERP.IVA\n"));
}

TEST(SlaReportTable, CountsShareOnTimeAndHours) {
  sla::v1::SlaReport report;
  sla::v1::SlaCompanyReport* c = report.add_companies();
  c->set_company_id("co-1");
  c->set_taken_on_time(3);
  c->set_taken_late(1);
  c->set_open_past_due(2);
  c->set_median_take_hours(1.5);
  c->set_p90_take_hours(3.25);
  *report.add_companies() = *c;
  report.mutable_companies(1)->set_company_id("co-2");
  const std::string table = SlaReportTable(report, {{"co-1", "Uno S.r.l."}});
  EXPECT_THAT(table, HasSubstr("COMPANY     TAKEN ON TIME  TAKEN LATE  ON TIME %"));
  EXPECT_THAT(table, HasSubstr("Uno S.r.l.  3              1           75.0       2              "
                               "1.50             3.25          co-1\n"));
  EXPECT_THAT(table, HasSubstr("\n            3 "));  // an unknown name: the id column only
  EXPECT_EQ(SlaReportTable({}, {}), "No tickets in the period.\n");
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
