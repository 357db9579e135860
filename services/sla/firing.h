// What a ticket's timer fires at a given instant: the pure decision the
// TimerScheduler applies to each row it claims, and how long the scheduler
// may sleep. No I/O, so every case is a unit test.
//
//   Firing f = DecideFiring(state, clock.Now());
//   if (f.warning) … enqueue SlaWarning …
//   if (f.breach) … enqueue SlaBreached (TAKE_IN_CHARGE) …
#pragma once

#include <optional>

#include "absl/time/time.h"

namespace helpdesk::sla {

// A timer row: the instants still pending (nullopt: none, e.g. the clock
// was stopped by taking in charge) and whether each has fired.
struct TimerState {
  std::optional<absl::Time> warn_at;
  std::optional<absl::Time> due_at;
  std::optional<absl::Time> on_site_due_at;
  bool warn_fired = false;
  bool due_fired = false;
  bool on_site_fired = false;
};

struct Firing {
  bool warning = false;          // send SlaWarning
  bool warning_skipped = false;  // mark the warning done without sending it
  bool breach = false;           // send SlaBreached, kind TAKE_IN_CHARGE
  bool on_site_breach = false;   // send SlaBreached, kind ON_SITE

  bool Changes() const { return warning || warning_skipped || breach || on_site_breach; }
};

// Each instant fires once, when `now` has reached it. A warning whose breach
// is due at the same time (the scheduler was down, or a priority change
// moved both into the past) is marked done without being sent: the breach
// says more, and a warning after it would only be noise.
Firing DecideFiring(const TimerState& state, absl::Time now);

// The earliest instant that has not fired (what the timers.next_fire_at
// column computes), or nullopt when nothing is left.
std::optional<absl::Time> NextFireAt(const TimerState& state);

// How long the scheduler sleeps before looking again: until the next
// instant, but never longer than `poll_cap` (timers created meanwhile by the
// consumer or by another replica are seen within it), and never negative.
absl::Duration WakeDelay(std::optional<absl::Time> next, absl::Time now, absl::Duration poll_cap);

}  // namespace helpdesk::sla
