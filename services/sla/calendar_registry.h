// The business calendars in memory, built once from their definitions and
// shared: a calendar::Calendar is immutable and thread-safe, so a lookup
// hands out a shared_ptr to an entry that never changes; a changed calendar
// is a new entry swapped in under the mutex (readers keep the one they have).
//
//   CalendarRegistry calendars;
//   HELPDESK_RETURN_IF_ERROR(calendars.Load(store));          // at start
//   std::shared_ptr<const CalendarEntry> c = calendars.FindOrDefault(name);
//   sla_policy::TicketDue due =
//       sla_policy::ComputeTicketDue(c->calendar, c->definition.policy, …);
//   calendars.Refresh(store);   // periodically: picks up other replicas' saves
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/calendar/calendar.h"
#include "services/sla/store.h"

namespace helpdesk::sla {

struct CalendarEntry {
  sla_policy::CalendarDefinition definition;
  calendar::Calendar calendar;
  int64_t revision = 0;
};

class CalendarRegistry {
 public:
  // Replaces everything with the store's calendars. INVALID_ARGUMENT naming
  // the calendar ("calendar \"x\": timeZone: cannot load …") when one does
  // not build: at start that is a fatal error, never a silent fallback.
  absl::Status Load(SlaStore& store);
  // Rebuilds the calendars whose revision changed since they were loaded
  // (saved by another replica). A calendar that no longer builds keeps its
  // previous version, with the error returned (and logged by the caller).
  absl::Status Refresh(SlaStore& store);
  // Installs a calendar just saved (and built) by this replica.
  void Put(StoredCalendar stored, calendar::Calendar built);
  // Builds entries from definitions (tests, and Load).
  absl::Status Replace(std::vector<StoredCalendar> calendars);

  // NOT_FOUND when there is no calendar of that name.
  absl::StatusOr<std::shared_ptr<const CalendarEntry>> Find(const std::string& name) const;
  // The named calendar, or "default" when there is none of that name (a
  // company configured with a calendar the sla service does not know);
  // null only when even "default" is missing.
  std::shared_ptr<const CalendarEntry> FindOrDefault(const std::string& name) const;

 private:
  static absl::StatusOr<std::shared_ptr<const CalendarEntry>> Build(StoredCalendar stored);

  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const CalendarEntry>> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace helpdesk::sla
