// The take-in-charge SLA of a ticket as the consultants' queue shows it:
// `slaState` and `slaRemainingMinutes`, computed when the ticket is read
// (they change with the clock, so they are never stored). Pure.
//
//   FillSlaState(ticket, mirrored->calendar, mirrored->policy, absl::Now());
//
// While the clock runs (not taken in charge, not closed): remaining =
// business time from `now` to `slaDueAt`, negative when late; OK, WARNING
// once the policy's warning fraction of the priority's target has elapsed
// (remaining ≤ (1 − fraction) × target, the instant the sla service sends
// SlaWarning), BREACHED from the due on. Once it stopped (taken in charge,
// or closed before anyone took it): remaining measured at that instant, MET
// when it was at or before the due, BREACHED after. A ticket without a due
// (a calendar that never works again) keeps SLA_STATE_UNSPECIFIED and 0.
#pragma once

#include "absl/time/time.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/calendar/calendar.h"
#include "libs/sla_policy/policy.h"

namespace helpdesk::ticket {

void FillSlaState(v1::Ticket& ticket, const calendar::Calendar& calendar,
                  const sla_policy::Policy& policy, absl::Time now);

sla_policy::Priority PolicyPriority(v1::Ticket::Priority priority);

}  // namespace helpdesk::ticket
