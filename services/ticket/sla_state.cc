#include "services/ticket/sla_state.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace helpdesk::ticket {
namespace {

absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

// Whole minutes, rounded down: 59 min 30 s left is 59, 30 s late is -1.
int32_t FloorMinutes(absl::Duration d) {
  int64_t minutes = absl::IDivDuration(d, absl::Minutes(1), &d);
  if (d < absl::ZeroDuration()) --minutes;
  return static_cast<int32_t>(std::clamp<int64_t>(minutes, std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int32_t>::max()));
}

}  // namespace

sla_policy::Priority PolicyPriority(v1::Ticket::Priority priority) {
  switch (priority) {
    case v1::Ticket::HIGH:
      return sla_policy::Priority::kHigh;
    case v1::Ticket::LOW:
      return sla_policy::Priority::kLow;
    default:
      return sla_policy::Priority::kMedium;
  }
}

void FillSlaState(v1::Ticket& ticket, const calendar::Calendar& calendar,
                  const sla_policy::Policy& policy, absl::Time now) {
  ticket.set_sla_state(v1::Ticket::SLA_STATE_UNSPECIFIED);
  ticket.set_sla_remaining_minutes(0);
  if (!ticket.has_sla_due_at()) return;
  const absl::Time due = TimeOf(ticket.sla_due_at());
  // The clock stops when the ticket is taken in charge, or closed by then.
  const bool stopped = ticket.has_taken_at() || ticket.has_closed_at();
  if (stopped) {
    const absl::Time at = TimeOf(ticket.has_taken_at() ? ticket.taken_at() : ticket.closed_at());
    ticket.set_sla_remaining_minutes(FloorMinutes(calendar.BusinessTimeBetween(at, due)));
    ticket.set_sla_state(at <= due ? v1::Ticket::MET : v1::Ticket::BREACHED);
    return;
  }
  const absl::Duration remaining = calendar.BusinessTimeBetween(now, due);
  ticket.set_sla_remaining_minutes(FloorMinutes(remaining));
  const absl::Duration target = policy.TargetFor(PolicyPriority(ticket.priority()));
  if (now >= due) {
    ticket.set_sla_state(v1::Ticket::BREACHED);
  } else if (remaining <= target - target * policy.warning_fraction) {
    ticket.set_sla_state(v1::Ticket::WARNING);
  } else {
    ticket.set_sla_state(v1::Ticket::OK);
  }
}

}  // namespace helpdesk::ticket
