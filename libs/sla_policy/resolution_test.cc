// The resolution target's clock (resolution.h) on the default calendar:
// created Tue 2025-06-17 10:00 Rome, 8 business hours target.
#include "libs/sla_policy/resolution.h"

#include <gtest/gtest.h>

#include "libs/calendar/test_support.h"
#include "libs/sla_policy/calendar_definition.h"

namespace helpdesk::sla_policy {
namespace {

using calendar::testing::Rome;

class Resolution : public ::testing::Test {
 protected:
  Resolution() : calendar_(*calendar::Calendar::Create(calendar::CalendarSpec{})) {}
  ResolutionClock At(const std::vector<Pause>& pauses, absl::Time now) {
    return ComputeResolution(calendar_, absl::Hours(8), Rome(2025, 6, 17, 10, 0), pauses, now);
  }
  calendar::Calendar calendar_;
};

TEST_F(Resolution, WithoutPauses_ItIsTheTargetCountedFromCreation) {
  ResolutionClock clock = At({}, Rome(2025, 6, 17, 12, 0));
  EXPECT_EQ(clock.elapsed, absl::Hours(2));
  ASSERT_TRUE(clock.due.has_value());
  EXPECT_EQ(*clock.due, Rome(2025, 6, 18, 10, 0));  // 3 h + 4 h Tuesday, 1 h Wednesday
  EXPECT_FALSE(clock.stopped);
  EXPECT_FALSE(clock.late);
}

TEST_F(Resolution, WaitingForTheCustomerPushesTheDue) {
  // Waiting 11:00 → 15:30 Tuesday: 2 h + 1 h of business time not counted.
  std::vector<Pause> pauses = {
      {Rome(2025, 6, 17, 11, 0), Rome(2025, 6, 17, 15, 30), "WAITING_CUSTOMER"}};
  ResolutionClock clock = At(pauses, Rome(2025, 6, 17, 16, 0));
  EXPECT_EQ(clock.elapsed, absl::Hours(1) + absl::Minutes(30));
  ASSERT_EQ(clock.paused_business.size(), 1u);
  EXPECT_EQ(clock.paused_business[0], absl::Hours(3));
  ASSERT_TRUE(clock.due.has_value());
  EXPECT_EQ(*clock.due, Rome(2025, 6, 18, 13, 0));  // 10:00 + 8 h + 3 h paused
  // The same pause still lasting: no due, the clock stopped at 11:00.
  pauses[0].end.reset();
  clock = At(pauses, Rome(2025, 6, 19, 9, 0));
  EXPECT_TRUE(clock.stopped);
  EXPECT_FALSE(clock.due.has_value());
  EXPECT_EQ(clock.elapsed, absl::Hours(1));
  EXPECT_EQ(clock.paused_business[0], absl::Hours(6) + absl::Hours(8));  // Tue, Wed
}

TEST_F(Resolution, ReachedBeforeAPause_IsLateAndTheDueIsInThePast) {
  // Closed on Thursday, after the target was reached Wednesday 10:00.
  std::vector<Pause> pauses = {{Rome(2025, 6, 19, 12, 0), std::nullopt, "CLOSED"}};
  ResolutionClock clock = At(pauses, Rome(2025, 6, 25, 9, 0));
  ASSERT_TRUE(clock.due.has_value());
  EXPECT_EQ(*clock.due, Rome(2025, 6, 18, 10, 0));
  EXPECT_TRUE(clock.late);
  EXPECT_TRUE(clock.stopped);
}

TEST_F(Resolution, ReopenedAfterAClose_TheClosedTimeDoesNotCount) {
  std::vector<Pause> pauses = {
      {Rome(2025, 6, 17, 12, 0), Rome(2025, 6, 17, 15, 30), "WAITING_CUSTOMER"},
      {Rome(2025, 6, 17, 15, 30), Rome(2025, 6, 18, 15, 30), "CLOSED"}};
  ResolutionClock clock = At(pauses, Rome(2025, 6, 18, 16, 30));
  // Counted: 10-12 Tuesday (2 h), 15:30-16:30 Wednesday (1 h).
  EXPECT_EQ(clock.elapsed, absl::Hours(3));
  ASSERT_TRUE(clock.due.has_value());
  // 6 h to go from 15:30 Wednesday: 3 h Wednesday, 3 h Thursday → 12:00.
  EXPECT_EQ(*clock.due, Rome(2025, 6, 19, 12, 0));
  EXPECT_FALSE(clock.late);
}

TEST_F(Resolution, ElapsedAtTheDueIsTheTarget) {
  std::vector<Pause> pauses = {
      {Rome(2025, 6, 17, 11, 0), Rome(2025, 6, 17, 15, 30), "WAITING_CUSTOMER"}};
  ResolutionClock clock = At(pauses, Rome(2025, 6, 18, 13, 0));
  EXPECT_EQ(clock.elapsed, absl::Hours(8));
  EXPECT_TRUE(clock.late);
}

TEST(ResolutionPolicy, OffByDefault_SetInTheCalendarsPolicy_RoundTrips) {
  EXPECT_EQ(DefaultPolicy().resolution, absl::ZeroDuration());
  EXPECT_FALSE(ToProto(DefaultDefinition()).policy().has_resolution());
  sla::v1::Calendar proto = ToProto(DefaultDefinition());
  proto.mutable_policy()->mutable_resolution()->set_seconds(8 * 3600);
  absl::StatusOr<CalendarDefinition> definition = FromProto(proto);
  ASSERT_TRUE(definition.ok()) << definition.status();
  EXPECT_EQ(definition->policy.resolution, absl::Hours(8));
  EXPECT_EQ(ToProto(*definition).policy().resolution().seconds(), 8 * 3600);
  proto.mutable_policy()->mutable_resolution()->set_seconds(-1);
  EXPECT_EQ(FromProto(proto).status().message(), "policy.resolution: must be positive");
}

}  // namespace
}  // namespace helpdesk::sla_policy
