// Take-in-charge targets per priority, counted in business time on a
// calendar (SPEC §4). For now one built-in default policy; policies and
// calendars as data in the service's schema, editable by administrators,
// come next (docs/sla.md).
//
//   const SlaPolicy policy = DefaultPolicy();
//   HELPDESK_ASSIGN_OR_RETURN(absl::Duration target,
//                             TargetFor(policy, request.priority(), request.urgent_on_site()));
//   absl::Time due = calendar.AddBusinessTime(created_at, target);
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/sla/v1/sla.pb.h"

namespace helpdesk::sla {

struct SlaPolicy {
  absl::Duration high = absl::Hours(2);
  absl::Duration medium = absl::Hours(4);
  absl::Duration low = absl::Hours(16);
  absl::Duration urgent_on_site = absl::Hours(8);  // intervention on site
  double warning_fraction = 0.75;                  // of the target, for the scheduler
};

// High 2 h, medium 4 h, low 16 h, urgent on-site 8 h, warning at 75%.
inline SlaPolicy DefaultPolicy() { return SlaPolicy{}; }

// The target for a priority, or for an urgent on-site request (which then
// wins over the priority). INVALID_ARGUMENT naming `priority` when it is
// missing (and the request is not urgent on-site) or not a known value.
absl::StatusOr<absl::Duration> TargetFor(const SlaPolicy& policy, v1::SlaTarget::Priority priority,
                                         bool urgent_on_site);

}  // namespace helpdesk::sla
