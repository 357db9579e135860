// The SLA state the consultants' queue shows (sla_state.h), on the default
// calendar: Tue 2025-06-17 10:00 Rome, HIGH (2 h) → due 12:00, warning at
// 75% (11:30).
#include "services/ticket/sla_state.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include "libs/calendar/test_support.h"

namespace helpdesk::ticket {
namespace {

using calendar::testing::Rome;
using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp Ts(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

class SlaState : public ::testing::Test {
 protected:
  SlaState() : calendar_(*calendar::Calendar::Create(calendar::CalendarSpec{})) {
    ticket_.set_priority(v1::Ticket::HIGH);
    *ticket_.mutable_created_at() = Ts(Rome(2025, 6, 17, 10, 0));
    *ticket_.mutable_sla_due_at() = Ts(Rome(2025, 6, 17, 12, 0));
  }
  v1::Ticket At(absl::Time now) {
    v1::Ticket t = ticket_;
    FillSlaState(t, calendar_, sla_policy::DefaultPolicy(), now);
    return t;
  }

  calendar::Calendar calendar_;
  v1::Ticket ticket_;
};

TEST_F(SlaState, RunningClock_OkThenWarningAtTheThresholdThenBreachedAtTheDue) {
  v1::Ticket t = At(Rome(2025, 6, 17, 10, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::OK);
  EXPECT_EQ(t.sla_remaining_minutes(), 120);
  t = At(Rome(2025, 6, 17, 11, 29, 59));
  EXPECT_EQ(t.sla_state(), v1::Ticket::OK);
  EXPECT_EQ(t.sla_remaining_minutes(), 30);  // 30 min 1 s, rounded down
  t = At(Rome(2025, 6, 17, 11, 30));
  EXPECT_EQ(t.sla_state(), v1::Ticket::WARNING);
  EXPECT_EQ(t.sla_remaining_minutes(), 30);
  t = At(Rome(2025, 6, 17, 12, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::BREACHED);
  EXPECT_EQ(t.sla_remaining_minutes(), 0);
  t = At(Rome(2025, 6, 17, 12, 0, 30));
  EXPECT_EQ(t.sla_remaining_minutes(), -1);
  // Business minutes: the lunch break and the night do not count.
  t = At(Rome(2025, 6, 18, 9, 15));
  EXPECT_EQ(t.sla_state(), v1::Ticket::BREACHED);
  EXPECT_EQ(t.sla_remaining_minutes(), -(60 + 240 + 15));
}

TEST_F(SlaState, RemainingCountsBusinessTimeOnly) {
  *ticket_.mutable_sla_due_at() = Ts(Rome(2025, 6, 23, 11, 30));  // Fri 17:00 + 4 h
  ticket_.set_priority(v1::Ticket::MEDIUM);
  v1::Ticket t = At(Rome(2025, 6, 21, 12, 0));  // Saturday
  EXPECT_EQ(t.sla_remaining_minutes(), 150);
  EXPECT_EQ(t.sla_state(), v1::Ticket::OK);  // 2.5 h left of 4 h: 37.5% elapsed
}

TEST_F(SlaState, TakenInCharge_MetOrBreachedAndTheMarginAtThatInstant) {
  *ticket_.mutable_taken_at() = Ts(Rome(2025, 6, 17, 11, 0));
  v1::Ticket t = At(Rome(2025, 6, 20, 10, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::MET);
  EXPECT_EQ(t.sla_remaining_minutes(), 60);
  *ticket_.mutable_taken_at() = Ts(Rome(2025, 6, 17, 14, 40));
  t = At(Rome(2025, 6, 20, 10, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::BREACHED);
  EXPECT_EQ(t.sla_remaining_minutes(), -70);  // 12:00-13:00 and 14:30-14:40
}

TEST_F(SlaState, ClosedBeforeAnyoneTookIt_TheClockStoppedAtTheClose) {
  *ticket_.mutable_closed_at() = Ts(Rome(2025, 6, 17, 10, 30));
  v1::Ticket t = At(Rome(2025, 7, 1, 10, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::MET);
  EXPECT_EQ(t.sla_remaining_minutes(), 90);
}

TEST_F(SlaState, NoDue_NoState) {
  ticket_.clear_sla_due_at();
  v1::Ticket t = At(Rome(2025, 6, 17, 10, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::SLA_STATE_UNSPECIFIED);
  EXPECT_EQ(t.sla_remaining_minutes(), 0);
}

TEST_F(SlaState, TheWarningFractionIsThePolicys) {
  sla_policy::Policy policy;
  policy.warning_fraction = 0.5;
  v1::Ticket t = ticket_;
  FillSlaState(t, calendar_, policy, Rome(2025, 6, 17, 11, 0));
  EXPECT_EQ(t.sla_state(), v1::Ticket::WARNING);
  FillSlaState(t, calendar_, policy, Rome(2025, 6, 17, 10, 59));
  EXPECT_EQ(t.sla_state(), v1::Ticket::OK);
}

}  // namespace
}  // namespace helpdesk::ticket
