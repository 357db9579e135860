// The optional resolution target (issue 6): business time from a ticket's
// creation to its closing, not counting the intervals it waits for the
// customer (WAITING_CUSTOMER) or stays closed before a reopening. Pure: the
// sla service explains it with the pauses it recorded from the ticket
// service's TicketStatusChanged events.
//
//   std::vector<sla_policy::Pause> pauses = ...;   // oldest first
//   sla_policy::ResolutionClock clock = sla_policy::ComputeResolution(
//       calendar, policy.resolution, created_at, pauses, now);
//   // clock.elapsed, clock.paused, clock.due (when reached or ahead), clock.late
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/calendar/calendar.h"

namespace helpdesk::sla_policy {

// An interval the resolution clock does not run: [start, end), end absent
// while it lasts. `status` is "WAITING_CUSTOMER" or "CLOSED".
struct Pause {
  absl::Time start;
  std::optional<absl::Time> end;
  std::string status;
};

struct ResolutionClock {
  // Business time counted from creation to `now`, pauses excluded.
  absl::Duration elapsed;
  // Business time inside each pause (up to `now` for one that lasts).
  std::vector<absl::Duration> paused_business;
  // The last pause lasts (the ticket waits for the customer, or is closed).
  bool stopped = false;
  // The earliest instant `target` of running business time has elapsed:
  // ahead while the clock runs, in the past once reached; absent while
  // stopped before reaching it (or for a calendar that never works again).
  std::optional<absl::Time> due;
  // The target was reached by now (before the close for a closed ticket).
  bool late = false;
};

// Pauses must be ordered and not overlap (the event handlers keep them so);
// parts before `created_at` are ignored.
ResolutionClock ComputeResolution(const calendar::Calendar& calendar, absl::Duration target,
                                  absl::Time created_at, const std::vector<Pause>& pauses,
                                  absl::Time now);

}  // namespace helpdesk::sla_policy
