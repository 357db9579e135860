// The SLA policy on the default calendar: SPEC §4's worked examples through
// ComputeTicketDue, the warning instant, urgent on-site dues, priority names
// and policy validation.
#include "libs/sla_policy/policy.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace helpdesk::sla_policy {
namespace {

absl::Time Rome(int year, int month, int day, int hour, int minute) {
  absl::TimeZone rome;
  if (!absl::LoadTimeZone("Europe/Rome", &rome)) std::abort();
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), rome);
}

class PolicyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<calendar::Calendar> created = calendar::Calendar::Create({});
    ASSERT_TRUE(created.ok()) << created.status();
    calendar_ = new calendar::Calendar(*std::move(created));
  }
  static void TearDownTestSuite() { delete calendar_; }

  static TicketDue Due(absl::Time created, Priority priority, bool urgent = false) {
    return ComputeTicketDue(*calendar_, DefaultPolicy(), created, priority, urgent);
  }

  static calendar::Calendar* calendar_;
};

calendar::Calendar* PolicyTest::calendar_ = nullptr;

TEST_F(PolicyTest, ComputeTicketDue_GivesEverySpecExample) {
  struct Example {
    absl::Time created;
    Priority priority;
    absl::Time due;
  };
  const Example examples[] = {
      {Rome(2025, 6, 17, 10, 0), Priority::kHigh, Rome(2025, 6, 17, 12, 0)},
      {Rome(2025, 6, 17, 11, 0), Priority::kHigh, Rome(2025, 6, 17, 13, 0)},
      {Rome(2025, 6, 17, 12, 30), Priority::kHigh, Rome(2025, 6, 17, 16, 0)},
      {Rome(2025, 6, 17, 13, 45), Priority::kHigh, Rome(2025, 6, 17, 16, 30)},
      {Rome(2025, 6, 20, 17, 0), Priority::kMedium, Rome(2025, 6, 23, 11, 30)},
      {Rome(2025, 6, 18, 9, 0), Priority::kLow, Rome(2025, 6, 19, 18, 30)},
      {Rome(2025, 6, 21, 11, 0), Priority::kHigh, Rome(2025, 6, 23, 11, 0)},
      {Rome(2025, 6, 2, 10, 0), Priority::kHigh, Rome(2025, 6, 3, 11, 0)},
      {Rome(2025, 12, 24, 17, 30), Priority::kMedium, Rome(2025, 12, 29, 12, 0)},
  };
  for (const Example& e : examples) {
    TicketDue due = Due(e.created, e.priority);
    EXPECT_EQ(due.sla_due_at, e.due) << e.created;
    EXPECT_EQ(due.target, DefaultPolicy().TargetFor(e.priority));
    EXPECT_FALSE(due.on_site_due_at.has_value());
  }
}

TEST_F(PolicyTest, ComputeTicketDue_UrgentOnSiteIsEightBusinessHoursBesideThePriorityDue) {
  TicketDue due = Due(Rome(2025, 6, 19, 15, 0), Priority::kHigh, /*urgent=*/true);
  ASSERT_TRUE(due.on_site_due_at.has_value());
  EXPECT_EQ(*due.on_site_due_at, Rome(2025, 6, 20, 15, 0));
  EXPECT_EQ(due.sla_due_at, Rome(2025, 6, 19, 17, 0));  // the priority's 2 h still hold
  EXPECT_EQ(due.target, absl::Hours(2));
}

TEST_F(PolicyTest, ComputeTicketDue_WarningIsAtThreeQuartersOfTheBusinessTarget) {
  // High from 10:00: 1 h 30 of business time → 11:30.
  EXPECT_EQ(Due(Rome(2025, 6, 17, 10, 0), Priority::kHigh).warning_at, Rome(2025, 6, 17, 11, 30));
  // Medium from Friday 17:00: 3 h = 1 h 30 on Friday + 1 h 30 on Monday.
  EXPECT_EQ(Due(Rome(2025, 6, 20, 17, 0), Priority::kMedium).warning_at, Rome(2025, 6, 23, 10, 30));
  // Low from a Saturday: 12 h from Monday 09:00 → Tuesday 13:00.
  EXPECT_EQ(Due(Rome(2025, 6, 21, 11, 0), Priority::kLow).warning_at, Rome(2025, 6, 24, 13, 0));
}

TEST_F(PolicyTest, ComputeTicketDue_WarningFollowsTheConfiguredFraction) {
  Policy policy;
  policy.warning_fraction = 0.5;
  const absl::Time created = Rome(2025, 6, 17, 12, 0);
  TicketDue due = ComputeTicketDue(*calendar_, policy, created, Priority::kMedium, false);
  EXPECT_EQ(due.warning_at, Rome(2025, 6, 17, 15, 30));  // 1 h before lunch + 1 h after
  EXPECT_EQ(calendar_->BusinessTimeBetween(created, due.warning_at), absl::Hours(2));
  EXPECT_EQ(calendar_->BusinessTimeBetween(created, due.sla_due_at), absl::Hours(4));
}

TEST_F(PolicyTest, ComputeTicketDue_PriorityChangeRecomputesFromCreation) {
  const absl::Time created = Rome(2025, 6, 18, 9, 0);
  EXPECT_EQ(Due(created, Priority::kLow).sla_due_at, Rome(2025, 6, 19, 18, 30));
  EXPECT_EQ(Due(created, Priority::kHigh).sla_due_at, Rome(2025, 6, 18, 11, 0));
  EXPECT_EQ(Due(created, Priority::kMedium).sla_due_at, Rome(2025, 6, 18, 13, 0));
}

TEST_F(PolicyTest, TargetOf_UrgentOnSiteWinsOverThePriority) {
  EXPECT_EQ(TargetOf(DefaultPolicy(), Priority::kLow, true), absl::Hours(8));
  EXPECT_EQ(TargetOf(DefaultPolicy(), Priority::kLow, false), absl::Hours(16));
  EXPECT_EQ(TargetOf(DefaultPolicy(), Priority::kMedium, false), absl::Hours(4));
}

TEST(Priority, NamesRoundTripAndBadOnesAreNamed) {
  for (Priority p : {Priority::kHigh, Priority::kMedium, Priority::kLow}) {
    absl::StatusOr<Priority> parsed = ParsePriority(PriorityName(p));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, p);
  }
  EXPECT_EQ(ParsePriority("").status().message(), "priority: required");
  EXPECT_EQ(ParsePriority("PRIORITY_UNSPECIFIED").status().message(), "priority: required");
  EXPECT_EQ(ParsePriority("high").status().message(), "priority: must be HIGH, MEDIUM or LOW");
  EXPECT_EQ(ParsePriority("URGENT", "to").status().message(), "to: must be HIGH, MEDIUM or LOW");
}

TEST(ValidatePolicy, DefaultIsValidAndBadFieldsAreNamed) {
  EXPECT_TRUE(ValidatePolicy(DefaultPolicy()).ok());
  Policy policy;
  policy.medium = absl::ZeroDuration();
  EXPECT_EQ(ValidatePolicy(policy).message(), "policy.medium: must be positive");
  policy = Policy{};
  policy.urgent_on_site = absl::Hours(10'001);
  EXPECT_EQ(ValidatePolicy(policy).message(), "policy.urgentOnSite: must be at most 10000 hours");
  for (double bad : {0.0, 1.0, -0.5, 1.5}) {
    policy = Policy{};
    policy.warning_fraction = bad;
    EXPECT_EQ(ValidatePolicy(policy).message(),
              "policy.warningFraction: must be between 0 and 1 (exclusive)")
        << bad;
  }
}

}  // namespace
}  // namespace helpdesk::sla_policy
