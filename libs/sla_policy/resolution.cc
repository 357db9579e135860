#include "libs/sla_policy/resolution.h"

#include <algorithm>

namespace helpdesk::sla_policy {

ResolutionClock ComputeResolution(const calendar::Calendar& calendar, absl::Duration target,
                                  absl::Time created_at, const std::vector<Pause>& pauses,
                                  absl::Time now) {
  ResolutionClock clock;
  clock.elapsed = absl::ZeroDuration();
  // The running segments: [created, pause 1), [end of pause 1, pause 2) …,
  // and [end of the last pause, forever) unless it lasts.
  absl::Duration counted = absl::ZeroDuration();  // whole segments, for the due
  absl::Time start = created_at;
  bool running = true;
  auto run = [&](absl::Time from, absl::Time to) {
    if (to <= from) return;
    const absl::Time until = std::min(to, now);
    if (until > from) clock.elapsed += calendar.BusinessTimeBetween(from, until);
    if (clock.due.has_value()) return;
    const absl::Duration length = calendar.BusinessTimeBetween(from, to);
    if (counted + length >= target) {
      clock.due = calendar.AddBusinessTime(from, target - counted);
    } else {
      counted += length;
    }
  };
  for (const Pause& pause : pauses) {
    const absl::Time pause_start = std::max(pause.start, created_at);
    const absl::Time pause_end = pause.end.value_or(now);
    clock.paused_business.push_back(
        pause_end > pause_start
            ? calendar.BusinessTimeBetween(pause_start, std::min(pause_end, now))
            : absl::ZeroDuration());
    if (!running) continue;  // pauses after one that lasts cannot be: ignored
    run(start, pause_start);
    if (!pause.end.has_value()) {
      running = false;
      clock.stopped = true;
    } else {
      start = std::max(*pause.end, start);
    }
  }
  if (running) {
    clock.elapsed += calendar.BusinessTimeBetween(start, std::max(now, start));
    if (!clock.due.has_value()) clock.due = calendar.AddBusinessTime(start, target - counted);
  }
  if (clock.due.has_value() && *clock.due == absl::InfiniteFuture()) clock.due.reset();
  clock.late = clock.elapsed >= target;
  return clock;
}

}  // namespace helpdesk::sla_policy
