// The ticket service's copy of the sla service's business calendars and SLA
// policies, so a ticket's `slaDueAt` is computed here, on its company's
// calendar, with the same library and definitions as the sla service's
// timers (docs/sla.md) and without a call on the creation path.
//
//   HELPDESK_ASSIGN_OR_RETURN(auto mirror, CalendarMirror::Create());
//   HELPDESK_RETURN_IF_ERROR(mirror->Load(pool));          // start-up: stored copies
//   std::shared_ptr<const MirroredCalendar> c = mirror->Find(company_calendar);
//   sla_policy::ComputeTicketDue(c->calendar, c->policy, created_at, priority, urgent);
//
// Definitions arrive in CalendarChanged events (event_handlers.cc), are kept
// in the `calendars` table and installed at once on the replica that
// applied the event; `Refresh` (every few seconds) picks up what another
// replica stored. Until a definition of "default" arrives, "default" is
// sla_policy::DefaultDefinition(), exactly what the sla service seeds.
// A calendar is immutable once built; lookups hand out shared pointers.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "libs/calendar/calendar.h"
#include "libs/db/pool.h"
#include "libs/sla_policy/policy.h"

namespace helpdesk::ticket {

struct MirroredCalendar {
  std::string name;
  calendar::Calendar calendar;
  sla_policy::Policy policy;
  std::string definition;  // the serialized sla.v1.Calendar it was built from
};

class CalendarMirror {
 public:
  // With "default" only. An error only if the default calendar does not
  // build (the zoneinfo lacks Europe/Rome): a fatal start-up error.
  static absl::StatusOr<std::unique_ptr<CalendarMirror>> Create();

  // Builds `proto` and installs it under its name. INVALID_ARGUMENT naming
  // the calendar and the field when it does not build (the previous version,
  // if any, stays).
  absl::Status Install(const sla::v1::Calendar& proto);
  // Installs every stored definition that differs from the installed one.
  // A stored definition that does not build is an error naming it.
  absl::Status Load(db::Pool& pool);

  // Load every `interval` on a thread of its own until StopRefreshing:
  // what another replica stored. Errors are logged; the installed versions
  // stay.
  void StartRefreshing(db::Pool& pool, absl::Duration interval);
  void StopRefreshing();
  ~CalendarMirror() { StopRefreshing(); }

  // The named calendar, or "default" when there is none of that name.
  // Never null.
  std::shared_ptr<const MirroredCalendar> Find(const std::string& name) const;

 private:
  CalendarMirror() = default;
  static absl::StatusOr<std::shared_ptr<const MirroredCalendar>> Build(
      const sla::v1::Calendar& proto);

  absl::Notification stop_;
  std::thread refresher_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const MirroredCalendar>> calendars_ ABSL_GUARDED_BY(mu_);
};

}  // namespace helpdesk::ticket
