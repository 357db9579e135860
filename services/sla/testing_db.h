// For the sla service's integration tests: a fresh database on the test
// run's PostgreSQL (tests/support/postgres.h), the sla schema migrated,
// connected as the service's own role, the calendars loaded, and helpers to
// apply ticket events and read what the scheduler wrote to the outbox.
//
//   SlaDatabase db;                 // in a test or fixture
//   ASSERT_TRUE(db.Apply(created).ok());
//   TimerScheduler scheduler(db.pool(), clock);
//   EXPECT_EQ(db.OutboxCount("helpdesk.events.v1.SlaBreached"), 1);
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/pool.h"
#include "services/sla/calendar_registry.h"
#include "services/sla/pg_store.h"
#include "services/sla/ticket_events.h"

namespace helpdesk::sla::testing {

class SlaDatabase {
 public:
  SlaDatabase();  // fails the current test (ADD_FAILURE) when it cannot set up

  db::Pool& pool() { return *pool_; }
  PgSlaStore& store() { return *store_; }
  CalendarRegistry& calendars() { return calendars_; }
  TicketEventHandlers& handlers() { return *handlers_; }
  const std::string& name() const { return name_; }
  // Another pool on the same database (a second replica).
  std::unique_ptr<db::Pool> ConnectAnother(int size = 2);

  // Applies one ticket event as the consumer would (in one transaction).
  template <typename Event>
  absl::Status Apply(const Event& event);

  // Rows of the sla outbox with this subject, and their payloads.
  int OutboxCount(const std::string& subject);
  std::vector<std::string> OutboxPayloads(const std::string& subject);
  // One integer from a query on the sla schema.
  int64_t QueryInt(const std::string& sql);
  void Execute(const std::string& sql);

 private:
  std::string name_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<PgSlaStore> store_;
  CalendarRegistry calendars_;
  std::unique_ptr<TicketEventHandlers> handlers_;
};

// TicketCreated for company `company` at `created_at`.
events::v1::TicketCreated Created(const std::string& ticket_id, const std::string& company,
                                  absl::Time created_at, const std::string& priority,
                                  bool urgent_on_site = false);
events::v1::TicketTaken Taken(const std::string& ticket_id, absl::Time taken_at,
                              const std::string& assignee = "consultant-1");
google::protobuf::Timestamp ToTimestamp(absl::Time t);
absl::Time Rome(int year, int month, int day, int hour, int minute);

}  // namespace helpdesk::sla::testing
