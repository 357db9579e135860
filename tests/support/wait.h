// Waiting on a condition with a deadline, instead of sleeping.
//
//   ASSERT_TRUE(testing::WaitUntil([&] { return CountEvents() == 1; }, absl::Seconds(10)));
#pragma once

#include <functional>

#include "absl/time/time.h"

namespace helpdesk::testing {

// Polls `condition` (every few milliseconds, backing off to 50 ms) until it
// holds or `timeout` passes; whether it held.
bool WaitUntil(const std::function<bool()>& condition, absl::Duration timeout);

}  // namespace helpdesk::testing
