#include "services/sla/firing.h"

#include <algorithm>

namespace helpdesk::sla {
namespace {

bool Reached(const std::optional<absl::Time>& at, bool fired, absl::Time now) {
  return at.has_value() && !fired && *at <= now;
}

}  // namespace

Firing DecideFiring(const TimerState& state, absl::Time now) {
  Firing firing;
  firing.breach = Reached(state.due_at, state.due_fired, now);
  firing.on_site_breach = Reached(state.on_site_due_at, state.on_site_fired, now);
  if (Reached(state.warn_at, state.warn_fired, now)) {
    if (firing.breach) {
      firing.warning_skipped = true;
    } else {
      firing.warning = true;
    }
  }
  return firing;
}

std::optional<absl::Time> NextFireAt(const TimerState& state) {
  std::optional<absl::Time> next;
  auto consider = [&](const std::optional<absl::Time>& at, bool fired) {
    if (at.has_value() && !fired && (!next.has_value() || *at < *next)) next = at;
  };
  consider(state.warn_at, state.warn_fired);
  consider(state.due_at, state.due_fired);
  consider(state.on_site_due_at, state.on_site_fired);
  return next;
}

absl::Duration WakeDelay(std::optional<absl::Time> next, absl::Time now, absl::Duration poll_cap) {
  if (!next.has_value()) return poll_cap;
  return std::clamp(*next - now, absl::ZeroDuration(), poll_cap);
}

}  // namespace helpdesk::sla
