#include "services/notification/backoff.h"

#include <algorithm>

namespace helpdesk::notification {

absl::Duration RetryDelay(const RetryPolicy& policy, int attempts, double unit_random) {
  absl::Duration nominal = policy.base;
  for (int i = 1; i < attempts && nominal < policy.max; ++i) nominal *= 2;
  nominal = std::min(nominal, policy.max);
  double u = std::clamp(unit_random, 0.0, 1.0);
  return nominal / 2 + (nominal / 2) * u;
}

}  // namespace helpdesk::notification
