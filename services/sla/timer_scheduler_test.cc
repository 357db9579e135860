// The TimerScheduler over real PostgreSQL, driven by a fake clock: warning at
// 75% and breach at the due, each once; nothing after taking in charge; a
// priority change moves the instants; urgent on-site breaches; catch-up
// after downtime; two schedulers on one database without duplicates; and
// the thread with the real clock firing within a second of the instant.
#include "services/sla/timer_scheduler.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "services/sla/testing_db.h"
#include "tests/support/wait.h"

namespace helpdesk::sla {
namespace {

using testing::Created;
using testing::Rome;
using testing::SlaDatabase;
using testing::Taken;

constexpr char kWarning[] = "helpdesk.events.v1.SlaWarning";
constexpr char kBreached[] = "helpdesk.events.v1.SlaBreached";

template <typename Event>
std::vector<Event> Parsed(const std::vector<std::string>& payloads) {
  std::vector<Event> out;
  for (const std::string& p : payloads) {
    Event e;
    EXPECT_TRUE(e.ParseFromString(p));
    out.push_back(e);
  }
  return out;
}

absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

class TimerSchedulerTest : public ::testing::Test {
 protected:
  // Fires at `now`; the number of events written.
  int FireAt(absl::Time now) {
    clock_.Set(now);
    absl::StatusOr<int> fired = scheduler_.FireDue();
    EXPECT_TRUE(fired.ok()) << fired.status();
    return fired.ok() ? *fired : -1;
  }

  SlaDatabase db_;
  FakeClock clock_{Rome(2025, 6, 17, 8, 0)};
  TimerScheduler scheduler_{db_.pool(), clock_};
};

TEST_F(TimerSchedulerTest, WarningAt75PercentAndBreachAtDue_FireOnceEach) {
  // High from Tuesday 10:00: warning 11:30, due 12:00.
  ASSERT_TRUE(db_.Apply(Created("t-1", "co-1", Rome(2025, 6, 17, 10, 0), "HIGH")).ok());
  events::v1::TicketAssigned assigned;
  assigned.set_ticket_id("t-1");
  assigned.mutable_assignee()->set_id("consultant-7");
  ASSERT_TRUE(db_.Apply(assigned).ok());

  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 11, 29)), 0);
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 11, 30)), 1);
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 11, 45)), 0);
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 12, 0) - absl::Seconds(1)), 0);
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 12, 0)), 1);
  EXPECT_EQ(FireAt(Rome(2025, 6, 20, 12, 0)), 0);

  auto warnings = Parsed<events::v1::SlaWarning>(db_.OutboxPayloads(kWarning));
  auto breaches = Parsed<events::v1::SlaBreached>(db_.OutboxPayloads(kBreached));
  ASSERT_EQ(warnings.size(), 1u);
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_EQ(warnings[0].ticket_id(), "t-1");
  EXPECT_EQ(warnings[0].company_id(), "co-1");
  EXPECT_EQ(warnings[0].assignee_id(), "consultant-7");
  EXPECT_EQ(warnings[0].kind(), "TAKE_IN_CHARGE");
  EXPECT_EQ(warnings[0].number(), 42);
  EXPECT_EQ(TimeOf(warnings[0].due_at()), Rome(2025, 6, 17, 12, 0));
  EXPECT_EQ(TimeOf(warnings[0].meta().occurred_at()), Rome(2025, 6, 17, 11, 30));
  EXPECT_EQ(TimeOf(breaches[0].due_at()), Rome(2025, 6, 17, 12, 0));
  EXPECT_EQ(breaches[0].kind(), "TAKE_IN_CHARGE");
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers WHERE next_fire_at IS NOT NULL"), 0);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM tickets WHERE warned_at IS NOT NULL AND "
                         "breached_at IS NOT NULL"),
            1);
}

TEST_F(TimerSchedulerTest, TakenBeforeTheWarning_FiresNothing) {
  ASSERT_TRUE(db_.Apply(Created("t-1", "co-1", Rome(2025, 6, 17, 10, 0), "HIGH")).ok());
  ASSERT_TRUE(db_.Apply(Taken("t-1", Rome(2025, 6, 17, 11, 0))).ok());
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 11, 30)), 0);
  EXPECT_EQ(FireAt(Rome(2025, 6, 18, 12, 0)), 0);
  EXPECT_EQ(db_.OutboxCount(kWarning) + db_.OutboxCount(kBreached), 0);
  EXPECT_EQ(scheduler_.NextFireAt()->has_value(), false);
}

TEST_F(TimerSchedulerTest, TakenAfterTheWarning_NoBreach) {
  ASSERT_TRUE(db_.Apply(Created("t-1", "co-1", Rome(2025, 6, 17, 10, 0), "HIGH")).ok());
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 11, 31)), 1);
  ASSERT_TRUE(db_.Apply(Taken("t-1", Rome(2025, 6, 17, 11, 50))).ok());
  EXPECT_EQ(FireAt(Rome(2025, 6, 17, 13, 0)), 0);
  EXPECT_EQ(db_.OutboxCount(kWarning), 1);
  EXPECT_EQ(db_.OutboxCount(kBreached), 0);
}

TEST_F(TimerSchedulerTest, PriorityChange_MovesTheInstants) {
  const absl::Time created = Rome(2025, 6, 18, 9, 0);
  ASSERT_TRUE(db_.Apply(Created("t-1", "co-1", created, "LOW")).ok());  // due Thu 18:30
  EXPECT_EQ(FireAt(Rome(2025, 6, 18, 10, 0)), 0);
  events::v1::TicketPriorityChanged to_high;
  to_high.set_ticket_id("t-1");
  to_high.set_to("HIGH");  // due Wed 11:00, warning 10:30
  *to_high.mutable_created_at() = testing::ToTimestamp(created);
  ASSERT_TRUE(db_.Apply(to_high).ok());
  EXPECT_EQ(**scheduler_.NextFireAt(), Rome(2025, 6, 18, 10, 30));
  EXPECT_EQ(FireAt(Rome(2025, 6, 18, 10, 30)), 1);
  EXPECT_EQ(FireAt(Rome(2025, 6, 18, 11, 0)), 1);

  // Lowered again after its breach: the new due is a new deadline, with its
  // own warning and breach.
  auto to_medium = to_high;
  to_medium.set_to("MEDIUM");  // due Wed 13:00, warning 12:00
  ASSERT_TRUE(db_.Apply(to_medium).ok());
  EXPECT_EQ(FireAt(Rome(2025, 6, 18, 12, 0)), 1);
  EXPECT_EQ(FireAt(Rome(2025, 6, 18, 13, 0)), 1);
  auto breaches = Parsed<events::v1::SlaBreached>(db_.OutboxPayloads(kBreached));
  ASSERT_EQ(breaches.size(), 2u);
  EXPECT_EQ(TimeOf(breaches[0].due_at()), Rome(2025, 6, 18, 11, 0));
  EXPECT_EQ(TimeOf(breaches[1].due_at()), Rome(2025, 6, 18, 13, 0));
}

TEST_F(TimerSchedulerTest, UrgentOnSite_BreachesAtEightHoursEvenWhenTaken_NotWhenClosed) {
  const absl::Time created = Rome(2025, 6, 19, 15, 0);  // on-site due Fri 15:00
  ASSERT_TRUE(db_.Apply(Created("open", "co-1", created, "HIGH", /*urgent=*/true)).ok());
  ASSERT_TRUE(db_.Apply(Created("closed", "co-1", created, "HIGH", /*urgent=*/true)).ok());
  ASSERT_TRUE(db_.Apply(Taken("open", created + absl::Minutes(10))).ok());
  ASSERT_TRUE(db_.Apply(Taken("closed", created + absl::Minutes(10))).ok());
  events::v1::TicketClosed closed;
  closed.set_ticket_id("closed");
  ASSERT_TRUE(db_.Apply(closed).ok());

  EXPECT_EQ(FireAt(Rome(2025, 6, 20, 14, 59)), 0);
  EXPECT_EQ(FireAt(Rome(2025, 6, 20, 15, 0)), 1);
  auto breaches = Parsed<events::v1::SlaBreached>(db_.OutboxPayloads(kBreached));
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_EQ(breaches[0].ticket_id(), "open");
  EXPECT_EQ(breaches[0].kind(), "ON_SITE");
  EXPECT_EQ(breaches[0].assignee_id(), "consultant-1");
  EXPECT_EQ(db_.OutboxCount(kWarning), 0);
}

TEST_F(TimerSchedulerTest, CatchUpAfterDowntime_EachPassedBreachFiresOnceAtStart) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(db_.Apply(Created("t-" + std::to_string(i), "co-1",
                                  Rome(2025, 6, 17, 10, 0) + absl::Minutes(i), "HIGH"))
                    .ok());
  }
  // The service was down from 09:00 to the next day: a scheduler starting
  // then fires every breach once, and no stale warning.
  FakeClock later(Rome(2025, 6, 18, 9, 0));
  TimerScheduler restarted(db_.pool(), later);
  absl::StatusOr<int> fired = restarted.FireDue();
  ASSERT_TRUE(fired.ok()) << fired.status();
  EXPECT_EQ(*fired, 5);
  EXPECT_EQ(*restarted.FireDue(), 0);
  EXPECT_EQ(db_.OutboxCount(kBreached), 5);
  EXPECT_EQ(db_.OutboxCount(kWarning), 0);
  EXPECT_EQ(db_.QueryInt("SELECT count(*) FROM timers WHERE warn_fired AND due_fired"), 5);
}

TEST_F(TimerSchedulerTest, TwoSchedulersOnOneDatabase_NoDuplicates) {
  constexpr int kTickets = 400;
  for (int i = 0; i < kTickets; ++i) {
    ASSERT_TRUE(db_.Apply(Created("t-" + std::to_string(i), "co-1",
                                  Rome(2025, 6, 17, 9, 0) + absl::Seconds(i), "HIGH"))
                    .ok());
  }
  std::unique_ptr<db::Pool> other_pool = db_.ConnectAnother();
  ASSERT_NE(other_pool, nullptr);
  FakeClock clock(Rome(2025, 6, 17, 10, 50));  // every warning is due, no breach yet
  TimerScheduler a(db_.pool(), clock, {.batch_size = 16});
  TimerScheduler b(*other_pool, clock, {.batch_size = 16});
  int fired_a = 0, fired_b = 0;
  for (int round = 0; round < 2; ++round) {
    std::thread ta([&] { fired_a += a.FireDue().value_or(-10000); });
    std::thread tb([&] { fired_b += b.FireDue().value_or(-10000); });
    ta.join();
    tb.join();
    clock.Set(Rome(2025, 6, 17, 11, 30));  // then every breach
  }
  EXPECT_EQ(fired_a + fired_b, 2 * kTickets);
  auto warnings = Parsed<events::v1::SlaWarning>(db_.OutboxPayloads(kWarning));
  auto breaches = Parsed<events::v1::SlaBreached>(db_.OutboxPayloads(kBreached));
  std::set<std::string> warned, breached;
  for (const auto& w : warnings) warned.insert(w.ticket_id());
  for (const auto& b : breaches) breached.insert(b.ticket_id());
  EXPECT_EQ(warnings.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(warned.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(breaches.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(breached.size(), static_cast<size_t>(kTickets));
  std::printf("scheduler A fired %d, B fired %d\n", fired_a, fired_b);
}

TEST_F(TimerSchedulerTest, ThreadWithTheRealClock_FiresWithinOneSecondOfTheInstant) {
  // A 24/7 calendar with a 3-second target, so real time can be used.
  sla_policy::CalendarDefinition always = sla_policy::DefaultDefinition();
  always.name = "always";
  always.spec.national_holidays = false;
  always.spec.windows.clear();
  for (int d = 0; d < 7; ++d) {
    always.spec.windows.push_back({static_cast<absl::Weekday>(d), 0, 24 * 60});
  }
  always.policy.high = absl::Seconds(3);
  ASSERT_TRUE(db_.store().SaveCalendar(always).ok());
  ASSERT_TRUE(db_.calendars().Refresh(db_.store()).ok());

  SystemClock clock;
  TimerScheduler scheduler(db_.pool(), clock, {});
  scheduler.Start();
  auto created = Created("t-1", "co-1", absl::Now(), "HIGH");
  created.set_calendar("always");
  ASSERT_TRUE(db_.Apply(created).ok());
  ASSERT_TRUE(helpdesk::testing::WaitUntil([&] { return db_.OutboxCount(kBreached) == 1; },
                                           absl::Seconds(10)));
  scheduler.Stop();
  const int64_t warning_late_us = db_.QueryInt(
      "SELECT (extract(epoch FROM warned_at - warn_at) * 1000000)::bigint FROM tickets");
  const int64_t breach_late_us = db_.QueryInt(
      "SELECT (extract(epoch FROM breached_at - sla_due_at) * 1000000)::bigint FROM tickets");
  EXPECT_GE(warning_late_us, 0);
  EXPECT_LT(warning_late_us, 1'000'000);
  EXPECT_GE(breach_late_us, 0);
  EXPECT_LT(breach_late_us, 1'000'000);
  std::printf("warning fired %.3f s after its instant, breach %.3f s after the due\n",
              warning_late_us / 1e6, breach_late_us / 1e6);
  EXPECT_EQ(db_.OutboxCount(kWarning), 1);
}

}  // namespace
}  // namespace helpdesk::sla
