// What the sla service's handlers read and write, as an interface so the
// gRPC handlers can be tested without a database (PgSlaStore is the real
// one, over the service's own schema).
//
//   HELPDESK_ASSIGN_OR_RETURN(TicketSlaRecord ticket, store.FindTicket(id));
//   HELPDESK_ASSIGN_OR_RETURN(int64_t revision, store.SaveCalendar(definition));
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/sla_policy/calendar_definition.h"
#include "libs/sla_policy/resolution.h"

namespace helpdesk::sla {

// A calendar as stored, with the revision that changes on every save.
struct StoredCalendar {
  sla_policy::CalendarDefinition definition;
  int64_t revision = 0;
};

// What the service knows of one ticket (its `tickets` row).
struct TicketSlaRecord {
  std::string ticket_id;
  std::string company_id;
  std::string calendar;
  std::string priority;  // "HIGH", "MEDIUM", "LOW"
  bool urgent_on_site = false;
  absl::Time created_at;
  absl::Duration target;  // the priority's take-in-charge target
  // nullopt: never (the calendar never works again) or not applicable.
  std::optional<absl::Time> warn_at;
  std::optional<absl::Time> sla_due_at;
  std::optional<absl::Time> on_site_due_at;
  std::optional<absl::Time> taken_at;
  std::optional<absl::Duration> taken_business;  // creation → taken_at
  bool taken_late = false;
  std::optional<absl::Time> closed_at;
  std::string assignee_id;
  // The resolution clock's pauses, oldest first.
  std::vector<sla_policy::Pause> pauses;
};

struct ReportQuery {
  absl::Time from;  // tickets created in [from, to)
  absl::Time to;
  std::string company_id;  // empty: every company
  absl::Time now;          // "open past due" is as of now
};

struct CompanySlaStats {
  std::string company_id;
  int taken_on_time = 0;
  int taken_late = 0;
  int open_past_due = 0;
  double median_take_hours = 0;  // business hours; 0 when nothing was taken
  double p90_take_hours = 0;
};

class SlaStore {
 public:
  virtual ~SlaStore() = default;

  // Every calendar, by name. INTERNAL naming the calendar for a row that
  // cannot be read back (which validation on save prevents).
  virtual absl::StatusOr<std::vector<StoredCalendar>> LoadCalendars() = 0;
  // Name → revision: a cheap way to notice another replica's saves.
  virtual absl::StatusOr<std::map<std::string, int64_t>> CalendarRevisions() = 0;
  // Creates or replaces the calendar and its policy, and writes the
  // CalendarChanged event in the same transaction; the new revision.
  // The definition must be valid (FromProto and Calendar::Create passed).
  virtual absl::StatusOr<int64_t> SaveCalendar(const sla_policy::CalendarDefinition& def) = 0;

  // NOT_FOUND "ticket not found" when the service has no such ticket.
  virtual absl::StatusOr<TicketSlaRecord> FindTicket(const std::string& ticket_id) = 0;
  // Companies with tickets in the period, by id.
  virtual absl::StatusOr<std::vector<CompanySlaStats>> Report(const ReportQuery& query) = 0;
};

}  // namespace helpdesk::sla
