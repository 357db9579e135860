// PgSlaStore over real PostgreSQL: the SLA report's counts and percentiles
// from known rows, calendars saved and loaded back (with the seeded default
// equal to the library's), CalendarChanged written with each save, and a
// ticket's SLA record as the events left it.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/sla/testing_db.h"

namespace helpdesk::sla {
namespace {

using testing::Created;
using testing::Rome;
using testing::SlaDatabase;
using testing::Taken;

// A tickets row created on `day` of June 2025 at 10:00 Rome time.
std::string TicketRow(const std::string& id, const std::string& company, int day,
                      const std::string& taken_hours, const std::string& late,
                      const std::string& due, const std::string& closed = "NULL") {
  return absl::StrCat(
      "INSERT INTO tickets (ticket_id, company_id, calendar, priority, urgent_on_site, "
      "created_at, target, sla_due_at, taken_at, taken_business, taken_late, closed_at) VALUES ('",
      id, "', '", company, "', 'default', 'HIGH', false, timestamptz '2025-06-",
      day < 10 ? "0" : "", day, " 10:00 Europe/Rome', interval '2 hours', ", due, ", ",
      taken_hours == "NULL" ? "NULL" : "timestamptz '2025-06-28 10:00 Europe/Rome'", ", ",
      taken_hours == "NULL" ? "NULL" : absl::StrCat("interval '", taken_hours, " hours'"), ", ",
      late, ", ", closed, ")");
}

TEST(SlaStore, Report_CountsAndPercentilesPerCompanyInThePeriod) {
  SlaDatabase db;
  const std::string past = "timestamptz '2025-06-20 12:00 Europe/Rome'";
  const std::string future = "timestamptz '2025-07-20 12:00 Europe/Rome'";
  for (int h = 1; h <= 10; ++h) {  // taken after 1..10 business hours; late from 8 h
    db.Execute(TicketRow(absl::StrCat("taken-", h), "co-1", h, absl::StrCat(h),
                         h >= 8 ? "true" : "false", past));
  }
  db.Execute(TicketRow("open-late-1", "co-1", 11, "NULL", "NULL", past));
  db.Execute(TicketRow("open-late-2", "co-1", 12, "NULL", "NULL", past));
  db.Execute(TicketRow("open-not-due", "co-1", 30, "NULL", "NULL", future));
  db.Execute(TicketRow("closed-untaken", "co-1", 13, "NULL", "NULL", past,
                       "timestamptz '2025-06-14 10:00 Europe/Rome'"));
  db.Execute(TicketRow("co2", "co-2", 5, "2", "false", past));
  db.Execute(TicketRow("co3-open", "co-3", 5, "NULL", "NULL", future));
  // Created in May: outside the period.
  db.Execute(
      "INSERT INTO tickets (ticket_id, company_id, calendar, priority, urgent_on_site, "
      "created_at, target, sla_due_at) VALUES ('may', 'co-1', 'default', 'HIGH', false, "
      "timestamptz '2025-05-31 23:59:59 Europe/Rome', interval '2 hours', "
      "timestamptz '2025-06-02 11:00 Europe/Rome')");

  ReportQuery query{Rome(2025, 6, 1, 0, 0), Rome(2025, 7, 1, 0, 0), "", Rome(2025, 7, 1, 0, 0)};
  absl::StatusOr<std::vector<CompanySlaStats>> report = db.store().Report(query);
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->size(), 3u);
  const CompanySlaStats& co1 = (*report)[0];
  EXPECT_EQ(co1.company_id, "co-1");
  EXPECT_EQ(co1.taken_on_time, 7);
  EXPECT_EQ(co1.taken_late, 3);
  EXPECT_EQ(co1.open_past_due, 2);
  EXPECT_DOUBLE_EQ(co1.median_take_hours, 5.5);
  EXPECT_DOUBLE_EQ(co1.p90_take_hours, 9.1);  // linear: 9 + 0.1 × (10 − 9)
  EXPECT_EQ((*report)[1].company_id, "co-2");
  EXPECT_DOUBLE_EQ((*report)[1].median_take_hours, 2.0);
  EXPECT_EQ((*report)[2].company_id, "co-3");
  EXPECT_EQ((*report)[2].open_past_due, 0);
  EXPECT_DOUBLE_EQ((*report)[2].median_take_hours, 0.0);

  query.company_id = "co-2";
  report = db.store().Report(query);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->size(), 1u);
  EXPECT_EQ((*report)[0].taken_on_time, 1);
}

TEST(SlaStore, SeededDefaultCalendarIsTheLibrarysDefault) {
  SlaDatabase db;
  absl::StatusOr<std::vector<StoredCalendar>> calendars = db.store().LoadCalendars();
  ASSERT_TRUE(calendars.ok()) << calendars.status();
  ASSERT_EQ(calendars->size(), 1u);
  EXPECT_EQ(sla_policy::ToProto((*calendars)[0].definition).SerializeAsString(),
            sla_policy::ToProto(sla_policy::DefaultDefinition()).SerializeAsString());
}

TEST(SlaStore, SaveCalendar_RoundTripsBumpsTheRevisionAndPublishesCalendarChanged) {
  SlaDatabase db;
  sla_policy::CalendarDefinition torino = sla_policy::DefaultDefinition();
  torino.name = "torino";
  torino.spec.closures.push_back({absl::CivilDay(2025, 8, 14), "Ponte di Ferragosto"});
  torino.spec.local_holidays.push_back(calendar::HolidayRule::Fixed("San Giovanni", 6, 24));
  torino.policy.low = absl::Hours(12);
  torino.policy.warning_fraction = 0.8;
  EXPECT_EQ(*db.store().SaveCalendar(torino), 1);
  torino.spec.closures.push_back({absl::CivilDay(2025, 12, 24), "Vigilia"});
  EXPECT_EQ(*db.store().SaveCalendar(torino), 2);

  absl::StatusOr<std::vector<StoredCalendar>> calendars = db.store().LoadCalendars();
  ASSERT_TRUE(calendars.ok()) << calendars.status();
  ASSERT_EQ(calendars->size(), 2u);
  const StoredCalendar& loaded = (*calendars)[1];
  EXPECT_EQ(loaded.revision, 2);
  EXPECT_EQ(sla_policy::ToProto(loaded.definition).SerializeAsString(),
            sla_policy::ToProto(torino).SerializeAsString());
  EXPECT_EQ(db.OutboxCount("helpdesk.events.v1.CalendarChanged"), 2);

  // Another replica's registry picks the change up on Refresh.
  CalendarRegistry other;
  ASSERT_TRUE(other.Load(db.store()).ok());
  torino.spec.closures.push_back({absl::CivilDay(2025, 12, 31), "San Silvestro"});
  ASSERT_TRUE(db.store().SaveCalendar(torino).ok());
  ASSERT_TRUE(other.Refresh(db.store()).ok());
  auto entry = other.Find("torino");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ((*entry)->revision, 3);
  EXPECT_EQ((*entry)->calendar.ClosureName(absl::CivilDay(2025, 12, 31)), "San Silvestro");
  EXPECT_EQ((*entry)->calendar.ClosureName(absl::CivilDay(2025, 6, 24)), "San Giovanni");
}

TEST(SlaStore, FindTicket_IsWhatTheEventsLeft) {
  SlaDatabase db;
  ASSERT_TRUE(
      db.Apply(Created("t-1", "co-1", Rome(2025, 6, 19, 15, 0), "HIGH", /*urgent=*/true)).ok());
  ASSERT_TRUE(db.Apply(Taken("t-1", Rome(2025, 6, 19, 18, 0))).ok());
  absl::StatusOr<TicketSlaRecord> t = db.store().FindTicket("t-1");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->company_id, "co-1");
  EXPECT_EQ(t->priority, "HIGH");
  EXPECT_EQ(t->target, absl::Hours(2));
  EXPECT_EQ(t->created_at, Rome(2025, 6, 19, 15, 0));
  EXPECT_EQ(t->sla_due_at, Rome(2025, 6, 19, 17, 0));
  EXPECT_EQ(t->warn_at, Rome(2025, 6, 19, 16, 30));
  EXPECT_EQ(t->on_site_due_at, Rome(2025, 6, 20, 15, 0));
  EXPECT_EQ(t->taken_at, Rome(2025, 6, 19, 18, 0));
  EXPECT_EQ(t->taken_business, absl::Hours(3));
  EXPECT_TRUE(t->taken_late);
  EXPECT_EQ(t->assignee_id, "consultant-1");
  EXPECT_EQ(db.store().FindTicket("t-404").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace helpdesk::sla
