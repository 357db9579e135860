// PgSlaStore: the queries behind GetTicketSla and GetSlaReport.
#include "services/sla/pg_store.h"

#include <pqxx/pqxx>

#include "libs/db/transaction.h"
#include "services/sla/pg_values.h"
#include "services/sla/sql.h"

namespace helpdesk::sla {
namespace {

TicketSlaRecord TicketFromRow(const pqxx::row& r) {
  TicketSlaRecord t;
  t.ticket_id = r[0].as<std::string>();
  t.company_id = r[1].as<std::string>();
  t.calendar = r[2].as<std::string>();
  t.priority = r[3].as<std::string>();
  t.urgent_on_site = r[4].as<bool>();
  t.created_at = TimeOf(r[5]);
  t.target = DurationOf(r[6]);
  t.warn_at = OptionalTime(r[7]);
  t.sla_due_at = OptionalTime(r[8]);
  t.on_site_due_at = OptionalTime(r[9]);
  t.taken_at = OptionalTime(r[10]);
  if (!r[11].is_null()) t.taken_business = DurationOf(r[11]);
  t.taken_late = r[12].as<bool>();
  t.closed_at = OptionalTime(r[13]);
  t.assignee_id = r[14].as<std::string>();
  return t;
}

}  // namespace

absl::StatusOr<TicketSlaRecord> PgSlaStore::FindTicket(const std::string& ticket_id) {
  return db::InTransaction<TicketSlaRecord>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<TicketSlaRecord> {
        pqxx::result rows = tx.exec_params(sql::kSelectTicketSla, ticket_id);
        if (rows.empty()) return absl::NotFoundError("ticket not found");
        TicketSlaRecord ticket = TicketFromRow(rows[0]);
        for (const pqxx::row& r : tx.exec_params(sql::kSelectPauses, ticket_id)) {
          ticket.pauses.push_back({TimeOf(r[0]), OptionalTime(r[1]), r[2].as<std::string>()});
        }
        return ticket;
      });
}

absl::StatusOr<std::vector<CompanySlaStats>> PgSlaStore::Report(const ReportQuery& query) {
  return db::InTransaction<std::vector<CompanySlaStats>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<CompanySlaStats>> {
        std::vector<CompanySlaStats> stats;
        for (const pqxx::row& r :
             tx.exec_params(sql::kSlaReport, Micros(query.from).param(), Micros(query.to).param(),
                            query.company_id, Micros(query.now).param())) {
          CompanySlaStats s;
          s.company_id = r[0].as<std::string>();
          s.taken_on_time = r[1].as<int>();
          s.taken_late = r[2].as<int>();
          s.open_past_due = r[3].as<int>();
          s.median_take_hours = r[4].as<double>();
          s.p90_take_hours = r[5].as<double>();
          stats.push_back(std::move(s));
        }
        return stats;
      });
}

}  // namespace helpdesk::sla
