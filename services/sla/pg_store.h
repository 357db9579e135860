// SlaStore over the sla service's PostgreSQL schema. Every method is one
// READ COMMITTED transaction (db::InTransaction: libpqxx errors become
// statuses, serialization failures are retried).
//
//   PgSlaStore store(rt.pool());
//   HELPDESK_RETURN_IF_ERROR(calendars.Load(store));
#pragma once

#include "libs/db/pool.h"
#include "services/sla/store.h"

namespace helpdesk::sla {

class PgSlaStore final : public SlaStore {
 public:
  explicit PgSlaStore(db::Pool& pool) : pool_(pool) {}

  // calendar_rows.cc
  absl::StatusOr<std::vector<StoredCalendar>> LoadCalendars() override;
  absl::StatusOr<std::map<std::string, int64_t>> CalendarRevisions() override;
  absl::StatusOr<int64_t> SaveCalendar(const sla_policy::CalendarDefinition& def) override;

  // pg_store.cc
  absl::StatusOr<TicketSlaRecord> FindTicket(const std::string& ticket_id) override;
  absl::StatusOr<std::vector<CompanySlaStats>> Report(const ReportQuery& query) override;

 private:
  db::Pool& pool_;
};

}  // namespace helpdesk::sla
