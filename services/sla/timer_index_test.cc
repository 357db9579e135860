// 100,000 open timers must not slow firing: the claim query and the next
// instant query go through the partial index on timers.next_fire_at (checked
// with EXPLAIN on the real plan), and a pass fires exactly the due ones.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "services/sla/sql.h"
#include "services/sla/testing_db.h"
#include "services/sla/timer_scheduler.h"

namespace helpdesk::sla {
namespace {

using testing::SlaDatabase;

constexpr int kOpenTimers = 100'000;
constexpr int kDue = 300;

std::string Plan(db::Pool& pool, const std::string& sql, const std::string& args) {
  std::string plan;
  absl::Status status = db::InTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
    tx.exec("PREPARE q AS " + sql);
    for (const pqxx::row& r : tx.exec("EXPLAIN EXECUTE q" + args)) {
      plan += r[0].as<std::string>() + "\n";
    }
    tx.exec("DEALLOCATE q");
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return plan;
}

TEST(TimerIndex, HundredThousandOpenTimers_ClaimUsesTheIndexAndFiresOnlyTheDue) {
  SlaDatabase db;
  const absl::Time now = testing::Rome(2025, 6, 17, 12, 0);
  const int64_t now_us = absl::ToUnixMicros(now);
  // kDue timers whose due passed a minute ago; the rest due over the next
  // weeks, one every 10 seconds. Tickets and timers as the consumer makes them.
  db.Execute(absl::StrCat(
      "INSERT INTO tickets (ticket_id, company_id, calendar, priority, urgent_on_site, "
      "created_at, target, warn_at, sla_due_at) "
      "SELECT 't-' || i, 'co-' || (i % 50), 'default', 'HIGH', false, at - interval '2 hours', "
      "interval '2 hours', at - interval '30 minutes', at "
      "FROM (SELECT i, timestamptz 'epoch' + ",
      now_us,
      " * interval '1 microsecond' + "
      "CASE WHEN i <= ",
      kDue,
      " THEN interval '-1 minute' ELSE i * interval '10 seconds' END "
      "AS at FROM generate_series(1, ",
      kOpenTimers, ") AS i) AS g"));
  db.Execute(
      absl::StrCat("INSERT INTO timers (ticket_id, warn_at, due_at, warn_fired) "
                   "SELECT ticket_id, warn_at, sla_due_at, sla_due_at <= timestamptz 'epoch' + ",
                   now_us, " * interval '1 microsecond' FROM tickets"));
  db.Execute("ANALYZE timers");
  db.Execute("ANALYZE tickets");
  ASSERT_EQ(db.QueryInt("SELECT count(*) FROM timers"), kOpenTimers);

  const std::string claim_plan =
      Plan(db.pool(), sql::kClaimDueTimers, absl::StrCat("(", now_us, ", 256)"));
  std::printf("claim plan:\n%s", claim_plan.c_str());
  EXPECT_NE(claim_plan.find("timers_next_fire"), std::string::npos) << claim_plan;
  EXPECT_EQ(claim_plan.find("Seq Scan on timers"), std::string::npos) << claim_plan;
  EXPECT_EQ(claim_plan.find("Seq Scan on tickets"), std::string::npos) << claim_plan;

  const std::string next_plan = Plan(db.pool(), sql::kNextFireAt, "");
  std::printf("next instant plan:\n%s", next_plan.c_str());
  EXPECT_NE(next_plan.find("timers_next_fire"), std::string::npos) << next_plan;

  FakeClock clock(now);
  TimerScheduler scheduler(db.pool(), clock, {.batch_size = 128});
  const absl::Time start = absl::Now();
  absl::StatusOr<int> fired = scheduler.FireDue();
  const absl::Duration took = absl::Now() - start;
  ASSERT_TRUE(fired.ok()) << fired.status();
  EXPECT_EQ(*fired, kDue);
  EXPECT_EQ(db.OutboxCount("helpdesk.events.v1.SlaBreached"), kDue);
  EXPECT_EQ(*scheduler.FireDue(), 0);
  std::printf("fired %d breaches among %d open timers in %s\n", kDue, kOpenTimers,
              absl::FormatDuration(took).c_str());
}

}  // namespace
}  // namespace helpdesk::sla
