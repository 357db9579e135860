// Take-in-charge targets per priority and the due instants of a ticket,
// counted in business time on a calendar (SPEC §4). Pure, no I/O: the sla
// service computes its timers with it, and the ticket service computes a
// new ticket's `slaDueAt` / `onSiteDueAt` locally, with the same code, so
// ticket creation needs no call to the sla service.
//
//   const sla_policy::Policy policy = sla_policy::DefaultPolicy();
//   HELPDESK_ASSIGN_OR_RETURN(sla_policy::Priority priority,
//                             sla_policy::ParsePriority(event.priority()));
//   sla_policy::TicketDue due =
//       sla_policy::ComputeTicketDue(calendar, policy, created_at, priority, urgent_on_site);
//   // due.sla_due_at, due.warning_at, due.on_site_due_at (urgent on-site only)
//
// Everything here is a function of its arguments; a Policy is plain data and
// a calendar::Calendar is immutable, so any thread may call these at once.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/calendar/calendar.h"

namespace helpdesk::sla_policy {

// A ticket's priority; named "HIGH", "MEDIUM", "LOW" in events and protos.
enum class Priority { kHigh, kMedium, kLow };

// "HIGH" → kHigh … INVALID_ARGUMENT naming `field` otherwise:
// "<field>: required" for an empty name (or PRIORITY_UNSPECIFIED),
// "<field>: must be HIGH, MEDIUM or LOW" for anything else.
absl::StatusOr<Priority> ParsePriority(absl::string_view name,
                                       absl::string_view field = "priority");
const char* PriorityName(Priority priority);

// The targets of one calendar. Defaults: high 2 h, medium 4 h, low 16 h,
// urgent on-site intervention 8 h, warning at 75% of the target.
struct Policy {
  absl::Duration high = absl::Hours(2);
  absl::Duration medium = absl::Hours(4);
  absl::Duration low = absl::Hours(16);
  absl::Duration urgent_on_site = absl::Hours(8);
  double warning_fraction = 0.75;
  // Optional resolution target (issue 6, beyond the manual): business time
  // from creation to closing, paused while the ticket is WAITING_CUSTOMER
  // (resolution.h). Zero: none (the default).
  absl::Duration resolution = absl::ZeroDuration();

  absl::Duration TargetFor(Priority priority) const;

  friend bool operator==(const Policy& a, const Policy& b) {
    return a.high == b.high && a.medium == b.medium && a.low == b.low &&
           a.urgent_on_site == b.urgent_on_site && a.warning_fraction == b.warning_fraction &&
           a.resolution == b.resolution;
  }
};

inline Policy DefaultPolicy() { return Policy{}; }

// OK, or INVALID_ARGUMENT naming the field under `prefix` ("policy.high:
// must be positive", "policy.warningFraction: must be between 0 and 1"):
// every target positive and at most 10,000 hours, 0 < warning_fraction < 1,
// the resolution target zero (none) or a valid target ("policy.resolution").
absl::Status ValidatePolicy(const Policy& policy, absl::string_view prefix = "policy");

// The due instants of a ticket. Counting starts at the next working instant
// after `created_at` (SPEC §4); an instant is InfiniteFuture() when the
// calendar never works again.
struct TicketDue {
  absl::Duration target;  // the take-in-charge target of the priority
  absl::Time sla_due_at;  // take-in-charge due: `target` of business time
  absl::Time warning_at;  // warning_fraction × target of business time
  // Urgent on-site requests only: the intervention's due (urgent_on_site of
  // business time). Independent of the priority's target.
  std::optional<absl::Time> on_site_due_at;

  friend bool operator==(const TicketDue& a, const TicketDue& b) {
    return a.target == b.target && a.sla_due_at == b.sla_due_at && a.warning_at == b.warning_at &&
           a.on_site_due_at == b.on_site_due_at;
  }
};

// Recomputing with another priority from the same created_at is how a
// priority change moves the due (SPEC §4: "from the creation time").
TicketDue ComputeTicketDue(const calendar::Calendar& calendar, const Policy& policy,
                           absl::Time created_at, Priority priority, bool urgent_on_site);

// The target `ComputeDue`-style callers ask for: the urgent on-site one when
// `urgent_on_site`, else the priority's.
absl::Duration TargetOf(const Policy& policy, Priority priority, bool urgent_on_site);

}  // namespace helpdesk::sla_policy
