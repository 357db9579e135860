// The consumer's side over real PostgreSQL: ticket events → the tickets and
// timers rows (dues on the right calendar, the clock stopped by taking in
// charge, recomputed on a priority change, closed and reopened), and a
// redelivered event through events::Consumer changing nothing.
#include <gtest/gtest.h>

#include "libs/events/consumer.h"
#include "libs/events/jetstream.h"
#include "services/sla/testing_db.h"
#include "tests/support/nats.h"

namespace helpdesk::sla {
namespace {

using testing::Created;
using testing::Rome;
using testing::SlaDatabase;
using testing::Taken;

// µs since the epoch of an instant, as the SQL below reads them.
int64_t Us(absl::Time t) { return absl::ToUnixMicros(t); }

class TicketEventsTest : public ::testing::Test {
 protected:
  int64_t Column(const std::string& table, const std::string& column, const std::string& id) {
    return db_.QueryInt("SELECT coalesce((extract(epoch FROM " + column +
                        ") * 1000000)::bigint, -1) FROM " + table + " WHERE ticket_id = '" + id +
                        "'");
  }

  SlaDatabase db_;
};

TEST_F(TicketEventsTest, Created_OneTimerWithTheDuesOfTheCalendarThatApplies) {
  // A company on a straight 08:00–17:00 calendar, from CompanyChanged.
  sla_policy::CalendarDefinition milano = sla_policy::DefaultDefinition();
  milano.name = "milano";
  milano.spec.windows.clear();
  for (int d = 0; d < 5; ++d) {
    milano.spec.windows.push_back({static_cast<absl::Weekday>(d), 8 * 60, 17 * 60});
  }
  ASSERT_TRUE(db_.store().SaveCalendar(milano).ok());
  ASSERT_TRUE(db_.calendars().Refresh(db_.store()).ok());
  events::v1::CompanyChanged company;
  company.set_company_id("co-milano");
  company.set_calendar("milano");
  ASSERT_TRUE(db_.Apply(company).ok());

  const absl::Time created = Rome(2025, 6, 17, 12, 30);
  ASSERT_TRUE(db_.Apply(Created("t-default", "co-1", created, "HIGH")).ok());
  ASSERT_TRUE(db_.Apply(Created("t-milano", "co-milano", created, "HIGH")).ok());
  auto event_calendar = Created("t-event", "co-milano", created, "HIGH");
  event_calendar.set_calendar("default");  // the event's calendar wins
  ASSERT_TRUE(db_.Apply(event_calendar).ok());

  EXPECT_EQ(Column("timers", "due_at", "t-default"), Us(Rome(2025, 6, 17, 16, 0)));
  EXPECT_EQ(Column("timers", "warn_at", "t-default"), Us(Rome(2025, 6, 17, 15, 30)));
  EXPECT_EQ(Column("timers", "due_at", "t-milano"), Us(Rome(2025, 6, 17, 14, 30)));
  EXPECT_EQ(Column("timers", "due_at", "t-event"), Us(Rome(2025, 6, 17, 16, 0)));
  EXPECT_EQ(Column("timers", "on_site_due_at", "t-default"), -1);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE calendar = 'milano'"), 1);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers"), 3);
}

TEST_F(TicketEventsTest, Created_TwiceChangesNothingTheSecondTime) {
  auto created = Created("t-1", "co-1", Rome(2025, 6, 17, 10, 0), "MEDIUM", /*urgent=*/true);
  ASSERT_TRUE(db_.Apply(created).ok());
  ASSERT_TRUE(db_.Apply(created).ok());
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets"), 1);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers"), 1);
  EXPECT_EQ(Column("timers", "on_site_due_at", "t-1"), Us(Rome(2025, 6, 18, 10, 0)));
  EXPECT_EQ(Column("timers", "next_fire_at", "t-1"), Us(Rome(2025, 6, 17, 13, 0)));  // warning
}

TEST_F(TicketEventsTest, Taken_StopsTheClockAndRecordsOnTimeOrLate) {
  const absl::Time created = Rome(2025, 6, 20, 17, 0);  // Friday; medium due Monday 11:30
  ASSERT_TRUE(db_.Apply(Created("on-time", "co-1", created, "MEDIUM")).ok());
  ASSERT_TRUE(db_.Apply(Created("late", "co-1", created, "MEDIUM")).ok());
  ASSERT_TRUE(db_.Apply(Taken("on-time", Rome(2025, 6, 23, 9, 15))).ok());
  ASSERT_TRUE(db_.Apply(Taken("late", Rome(2025, 6, 23, 15, 0))).ok());

  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers WHERE next_fire_at IS NOT NULL"), 0);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE taken_late"), 1);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE ticket_id = 'late' AND taken_late"),
            1);
  // 1 h 30 on Friday + 15 min on Monday; 1 h 30 + 4 h (to 13:00) + 30 min.
  EXPECT_EQ(db_.QueryInt("SELECT extract(epoch FROM taken_business)::bigint FROM tickets "
                         "WHERE ticket_id = 'on-time'"),
            105 * 60);
  EXPECT_EQ(db_.QueryInt("SELECT extract(epoch FROM taken_business)::bigint FROM tickets "
                         "WHERE ticket_id = 'late'"),
            6 * 3600);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE assignee_id = 'consultant-1'"), 2);
}

TEST_F(TicketEventsTest, PriorityChanged_RecomputesFromTheCreationTime) {
  const absl::Time created = Rome(2025, 6, 18, 9, 0);
  ASSERT_TRUE(db_.Apply(Created("t-1", "co-1", created, "LOW")).ok());
  EXPECT_EQ(Column("timers", "due_at", "t-1"), Us(Rome(2025, 6, 19, 18, 30)));
  events::v1::TicketPriorityChanged changed;
  changed.set_ticket_id("t-1");
  changed.set_from("LOW");
  changed.set_to("HIGH");
  *changed.mutable_created_at() = testing::ToTimestamp(created);
  ASSERT_TRUE(db_.Apply(changed).ok());
  EXPECT_EQ(Column("timers", "due_at", "t-1"), Us(Rome(2025, 6, 18, 11, 0)));
  EXPECT_EQ(Column("timers", "warn_at", "t-1"), Us(Rome(2025, 6, 18, 10, 30)));
  EXPECT_EQ(Column("tickets", "sla_due_at", "t-1"), Us(Rome(2025, 6, 18, 11, 0)));
  EXPECT_EQ(db_.QueryInt("SELECT extract(epoch FROM target)::bigint FROM tickets"), 2 * 3600);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE priority = 'HIGH'"), 1);
}

TEST_F(TicketEventsTest, ClosedStopsEveryClock_ReopenedRestartsOnlyIfNeverTaken) {
  const absl::Time created = Rome(2025, 6, 17, 10, 0);
  ASSERT_TRUE(db_.Apply(Created("never-taken", "co-1", created, "HIGH")).ok());
  ASSERT_TRUE(db_.Apply(Created("taken", "co-1", created, "HIGH", /*urgent=*/true)).ok());
  ASSERT_TRUE(db_.Apply(Taken("taken", Rome(2025, 6, 17, 10, 30))).ok());
  for (const char* id : {"never-taken", "taken"}) {
    events::v1::TicketClosed closed;
    closed.set_ticket_id(id);
    *closed.mutable_meta()->mutable_occurred_at() = testing::ToTimestamp(created + absl::Hours(1));
    ASSERT_TRUE(db_.Apply(closed).ok());
  }
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers"), 0);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE closed_at IS NOT NULL"), 2);

  for (const char* id : {"never-taken", "taken"}) {
    events::v1::TicketReopened reopened;
    reopened.set_ticket_id(id);
    ASSERT_TRUE(db_.Apply(reopened).ok());
  }
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE closed_at IS NOT NULL"), 0);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers"), 1);
  EXPECT_EQ(Column("timers", "due_at", "never-taken"), Us(Rome(2025, 6, 17, 12, 0)));
}

TEST_F(TicketEventsTest, EventsAboutUnknownTicketsAreSkipped) {
  EXPECT_TRUE(db_.Apply(Taken("nobody", Rome(2025, 6, 17, 10, 0))).ok());
  events::v1::TicketReopened reopened;
  reopened.set_ticket_id("nobody");
  EXPECT_TRUE(db_.Apply(reopened).ok());
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets"), 0);
}

TEST_F(TicketEventsTest, RecentEventBeforeItsTicketCreated_IsRetriedUntilTheTicketExists) {
  // Another replica is still applying TicketCreated when this one gets the
  // take: the take fails (the consumer redelivers it) instead of being lost.
  const absl::Time now = absl::Now();
  auto taken = Taken("t-1", now);
  absl::Status early = db_.Apply(taken);
  EXPECT_EQ(early.code(), absl::StatusCode::kUnavailable) << early;
  ASSERT_TRUE(db_.Apply(Created("t-1", "co-1", now - absl::Minutes(1), "HIGH")).ok());
  ASSERT_TRUE(db_.Apply(taken).ok());
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE taken_at IS NOT NULL"), 1);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers WHERE next_fire_at IS NOT NULL"), 0);
}

TEST_F(TicketEventsTest, RedeliveredEventThroughTheConsumerChangesNothing) {
  helpdesk::testing::TestNats nats;
  ASSERT_TRUE(nats.Start().ok());
  auto js = events::JetStream::Connect(nats.url(), "sla-test");
  ASSERT_TRUE(js.ok()) << js.status();
  events::Consumer consumer(db_.pool(), **js, {.durable = "sla"});
  db_.handlers().Register(consumer);

  auto created = Created("t-1", "co-1", Rome(2025, 6, 17, 10, 0), "HIGH");
  const std::string payload = created.SerializeAsString();
  const std::string id = "6f1c1d3e-8a1b-4c1e-9a51-3c2b8f0d7e11";
  ASSERT_TRUE(consumer.Apply("helpdesk.events.v1.TicketCreated", id, payload).ok());
  ASSERT_TRUE(db_.Apply(Taken("t-1", Rome(2025, 6, 17, 10, 30))).ok());
  // The same TicketCreated again (JetStream redelivery): no new timer.
  ASSERT_TRUE(consumer.Apply("helpdesk.events.v1.TicketCreated", id, payload).ok());
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers WHERE next_fire_at IS NOT NULL"), 0);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM processed_events WHERE consumer = 'sla'"), 1);
}

}  // namespace
}  // namespace helpdesk::sla
