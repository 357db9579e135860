#include "tests/support/wait.h"

#include "absl/time/clock.h"

namespace helpdesk::testing {

bool WaitUntil(const std::function<bool()>& condition, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  absl::Duration pause = absl::Milliseconds(2);
  for (;;) {
    if (condition()) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Milliseconds(50));
  }
}

}  // namespace helpdesk::testing
