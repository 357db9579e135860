// When a delivery that failed temporarily (SMTP 4xx, connection refused, a
// timeout) is tried again: exponential back-off with jitter, so a server that
// is down is not hammered and many deliveries do not retry in lock-step.
//
//   RetryPolicy policy{.base = absl::Seconds(30), .max = absl::Minutes(30)};
//   absl::Duration wait = RetryDelay(policy, attempts, absl::Uniform(gen, 0.0, 1.0));
#pragma once

#include "absl/time/time.h"

namespace helpdesk::notification {

struct RetryPolicy {
  absl::Duration base = absl::Seconds(30);  // SMTP_RETRY_BASE
  absl::Duration max = absl::Minutes(30);   // SMTP_RETRY_MAX
  int max_attempts = 10;                    // SMTP_MAX_ATTEMPTS; then FAILED
};

// The wait after the `attempts`-th failed try (1, 2, …): base·2^(attempts−1),
// capped at `max`, of which half is fixed and half scaled by `unit_random`
// in [0, 1) ("equal jitter"): never less than half the nominal delay.
absl::Duration RetryDelay(const RetryPolicy& policy, int attempts, double unit_random);

}  // namespace helpdesk::notification
