// GetTicketSla, GetSlaReport, ListCalendars and UpsertCalendar in an
// in-process server over an in-memory store: tenant isolation, the
// explanation's windows, validation naming fields, and roles.
#include <gtest/gtest.h>

#include "services/sla/service_test_fixture.h"

namespace helpdesk::sla {
namespace {

using common::v1::Person;

class TicketSlaTest : public SlaServiceFixture {
 protected:
  void SetUp() override {
    SlaServiceFixture::SetUp();
    TicketSlaRecord t;
    t.ticket_id = "t-1";
    t.company_id = "co-1";
    t.calendar = "default";
    t.priority = "MEDIUM";
    t.created_at = Rome(2025, 6, 20, 17, 0);  // Friday
    t.target = absl::Hours(4);
    t.warn_at = Rome(2025, 6, 23, 10, 30);
    t.sla_due_at = Rome(2025, 6, 23, 11, 30);
    t.taken_at = Rome(2025, 6, 23, 9, 15);
    t.taken_business = absl::Minutes(105);
    store_.tickets["t-1"] = t;
  }

  grpc::Status Get(Person::Role role, const std::string& company, const std::string& id,
                   v1::TicketSla* out) {
    v1::GetTicketSlaRequest request;
    request.set_ticket_id(id);
    return stub_->GetTicketSla(Context(role, company).get(), request, out);
  }
};

TEST_F(TicketSlaTest, GetTicketSla_OwningCustomerSeesDueAndTheWindowsCounted) {
  v1::TicketSla sla;
  grpc::Status status = Get(Person::CUSTOMER, "co-1", "t-1", &sla);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(sla.priority(), v1::SlaTarget::MEDIUM);
  EXPECT_EQ(sla.target().seconds(), 4 * 3600);
  EXPECT_EQ(TimeOf(sla.sla_due_at()), Rome(2025, 6, 23, 11, 30));
  EXPECT_EQ(TimeOf(sla.warning_at()), Rome(2025, 6, 23, 10, 30));
  EXPECT_EQ(TimeOf(sla.taken_at()), Rome(2025, 6, 23, 9, 15));
  EXPECT_EQ(sla.taken_business_time().seconds(), 105 * 60);
  EXPECT_FALSE(sla.taken_late());
  EXPECT_FALSE(sla.has_on_site_due_at());
  EXPECT_EQ(sla.calendar(), "default");
  ASSERT_EQ(sla.windows_size(), 2);  // Friday 17:00–18:30, Monday 09:00–11:30
  EXPECT_EQ(TimeOf(sla.windows(0).start()), Rome(2025, 6, 20, 17, 0));
  EXPECT_EQ(TimeOf(sla.windows(0).end()), Rome(2025, 6, 20, 18, 30));
  EXPECT_EQ(TimeOf(sla.windows(1).start()), Rome(2025, 6, 23, 9, 0));
  EXPECT_EQ(TimeOf(sla.windows(1).end()), Rome(2025, 6, 23, 11, 30));
}

TEST_F(TicketSlaTest, GetTicketSla_AnotherCompanysTicketIsNotFoundLikeAMissingOne) {
  v1::TicketSla sla;
  grpc::Status other = Get(Person::CUSTOMER, "co-2", "t-1", &sla);
  grpc::Status missing = Get(Person::CUSTOMER, "co-2", "t-404", &sla);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(other.error_message(), missing.error_message());
  EXPECT_TRUE(Get(Person::CONSULTANT, "", "t-1", &sla).ok());
  EXPECT_EQ(Get(Person::ROLE_UNSPECIFIED, "", "t-1", &sla).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TicketSlaTest, GetSlaReport_IsForStaffAndValidatesThePeriod) {
  store_.report = {{"co-1", 3, 1, 2, 1.5, 3.25}};
  v1::GetSlaReportRequest request;
  v1::SlaReport report;
  EXPECT_EQ(stub_->GetSlaReport(Context(Person::CUSTOMER).get(), request, &report).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status status = stub_->GetSlaReport(Context(Person::CONSULTANT).get(), request, &report);
  EXPECT_EQ(status.error_message(), "from: required");
  *request.mutable_from() = Timestamp(Rome(2025, 7, 1, 0, 0));
  status = stub_->GetSlaReport(Context(Person::CONSULTANT).get(), request, &report);
  EXPECT_EQ(status.error_message(), "to: required");
  *request.mutable_to() = Timestamp(Rome(2025, 6, 1, 0, 0));
  status = stub_->GetSlaReport(Context(Person::CONSULTANT).get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "to: must be after from");

  std::swap(*request.mutable_from(), *request.mutable_to());
  request.set_company_id("co-1");
  status = stub_->GetSlaReport(Context(Person::CONSULTANT).get(), request, &report);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(report.companies_size(), 1);
  EXPECT_EQ(report.companies(0).taken_on_time(), 3);
  EXPECT_EQ(report.companies(0).open_past_due(), 2);
  EXPECT_EQ(report.companies(0).p90_take_hours(), 3.25);
  EXPECT_EQ(store_.last_report.company_id, "co-1");
  EXPECT_EQ(store_.last_report.now, clock_.Now());
}

TEST_F(TicketSlaTest, UpsertCalendar_AdministratorsOnlyAndFieldsNamed) {
  v1::Calendar request = sla_policy::ToProto(sla_policy::DefaultDefinition());
  request.set_name("bologna");
  v1::Calendar saved;
  EXPECT_EQ(stub_->UpsertCalendar(Context(Person::CONSULTANT).get(), request, &saved).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  request.mutable_windows(3)->set_start("12:00");  // overlaps Tuesday's 09:00–13:00
  grpc::Status status =
      stub_->UpsertCalendar(Context(Person::ADMINISTRATOR).get(), request, &saved);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "windows[3]: overlaps windows[2] on Tuesday");
  request = sla_policy::ToProto(sla_policy::DefaultDefinition());
  request.set_name("bologna");
  request.set_time_zone("Europe/Bologna");
  status = stub_->UpsertCalendar(Context(Person::ADMINISTRATOR).get(), request, &saved);
  EXPECT_EQ(status.error_message(),
            "timeZone: cannot load \"Europe/Bologna\" from the zoneinfo database");
  EXPECT_EQ(store_.calendars.count("bologna"), 0u);

  request.set_time_zone("Europe/Rome");
  auto* patron = request.add_local_holidays();
  patron->set_name("San Petronio");
  patron->set_month(10);
  patron->set_day(4);
  status = stub_->UpsertCalendar(Context(Person::ADMINISTRATOR).get(), request, &saved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(saved.local_holidays_size(), 1);
  // Installed at once: ComputeDue counts on it.
  absl::StatusOr<std::shared_ptr<const CalendarEntry>> bologna = calendars_.Find("bologna");
  ASSERT_TRUE(bologna.ok());
  EXPECT_EQ((*bologna)->calendar.ClosureName(absl::CivilDay(2025, 10, 4)), "San Petronio");

  v1::ListCalendarsResponse list;
  ASSERT_TRUE(
      stub_->ListCalendars(Context(Person::CONSULTANT).get(), v1::ListCalendarsRequest(), &list)
          .ok());
  ASSERT_EQ(list.calendars_size(), 2);
  EXPECT_EQ(list.calendars(0).name(), "bologna");
  EXPECT_EQ(list.calendars(1).name(), "default");
}

}  // namespace
}  // namespace helpdesk::sla
