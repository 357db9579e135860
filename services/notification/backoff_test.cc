#include "services/notification/backoff.h"

#include <gtest/gtest.h>

namespace helpdesk::notification {
namespace {

const RetryPolicy kPolicy{.base = absl::Seconds(30), .max = absl::Minutes(30), .max_attempts = 10};

TEST(Backoff, DoublesFromTheBaseUpToTheCap) {
  EXPECT_EQ(RetryDelay(kPolicy, 1, 0.999999), absl::Seconds(30) / 2 + absl::Seconds(15) * 0.999999);
  EXPECT_EQ(RetryDelay(kPolicy, 1, 0.5), absl::Seconds(22.5));
  EXPECT_EQ(RetryDelay(kPolicy, 2, 0.5), absl::Seconds(45));
  EXPECT_EQ(RetryDelay(kPolicy, 3, 0.5), absl::Seconds(90));
  EXPECT_EQ(RetryDelay(kPolicy, 7, 0.5), absl::Minutes(22.5));  // 32 min capped at 30
  EXPECT_EQ(RetryDelay(kPolicy, 8, 0.5), absl::Minutes(22.5));
}

TEST(Backoff, JitterKeepsAtLeastHalfAndAtMostTheNominalDelay) {
  for (int attempts = 1; attempts <= 12; ++attempts) {
    absl::Duration low = RetryDelay(kPolicy, attempts, 0.0);
    absl::Duration high = RetryDelay(kPolicy, attempts, 1.0);
    EXPECT_EQ(high, low * 2);
    EXPECT_LE(high, kPolicy.max);
    EXPECT_GE(low, kPolicy.base / 2);
  }
}

TEST(Backoff, ManyAttemptsDoNotOverflow) {
  EXPECT_EQ(RetryDelay(kPolicy, 1000000, 1.0), absl::Minutes(30));
  EXPECT_EQ(RetryDelay(kPolicy, 0, 1.0), absl::Seconds(30));
  EXPECT_EQ(RetryDelay(kPolicy, 3, 7.0), absl::Minutes(2));  // out-of-range random clamped
}

TEST(Backoff, ShortTestSettingsWork) {
  RetryPolicy fast{.base = absl::Milliseconds(100), .max = absl::Seconds(1)};
  EXPECT_EQ(RetryDelay(fast, 1, 1.0), absl::Milliseconds(100));
  EXPECT_EQ(RetryDelay(fast, 5, 1.0), absl::Seconds(1));
}

}  // namespace
}  // namespace helpdesk::notification
