#include "services/ticket/lifecycle.h"

#include <gtest/gtest.h>

namespace helpdesk::ticket {
namespace {

using S = v1::Ticket;

TEST(Lifecycle, TheManualsConversation) {
  EXPECT_EQ(*NextStatus(S::OPEN, Action::kTake, false), S::IN_PROGRESS);
  EXPECT_EQ(*NextStatus(S::IN_PROGRESS, Action::kStaffReply, true), S::WAITING_CUSTOMER);
  EXPECT_EQ(*NextStatus(S::WAITING_CUSTOMER, Action::kCustomerMessage, true), S::IN_PROGRESS);
  EXPECT_EQ(*NextStatus(S::IN_PROGRESS, Action::kStaffReply, true), S::WAITING_CUSTOMER);
  EXPECT_EQ(*NextStatus(S::WAITING_CUSTOMER, Action::kClose, true), S::CLOSED);
}

TEST(Lifecycle, StatusesThatStay) {
  EXPECT_EQ(*NextStatus(S::OPEN, Action::kCustomerMessage, false), S::OPEN);
  EXPECT_EQ(*NextStatus(S::IN_PROGRESS, Action::kCustomerMessage, true), S::IN_PROGRESS);
  EXPECT_EQ(*NextStatus(S::WAITING_CUSTOMER, Action::kInternalNote, true), S::WAITING_CUSTOMER);
  EXPECT_EQ(*NextStatus(S::OPEN, Action::kAssign, false), S::OPEN);
  EXPECT_EQ(*NextStatus(S::OPEN, Action::kStaffReply, false), S::WAITING_CUSTOMER);
}

TEST(Lifecycle, EveryIllegalTransitionNamesTheCurrentStatus) {
  for (Action action : {Action::kTake, Action::kAssign, Action::kStaffReply, Action::kInternalNote,
                        Action::kCustomerMessage, Action::kClose}) {
    absl::StatusOr<S::Status> next = NextStatus(S::CLOSED, action, true);
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(next.status().message().rfind("ticket is CLOSED: ", 0), 0u);
  }
  for (S::Status taken : {S::IN_PROGRESS, S::WAITING_CUSTOMER}) {
    EXPECT_EQ(NextStatus(taken, Action::kTake, true).status().message(),
              "ticket is " + S::Status_Name(taken) + ": it was already taken in charge");
  }
  for (S::Status open : {S::OPEN, S::IN_PROGRESS, S::WAITING_CUSTOMER}) {
    EXPECT_EQ(NextStatus(open, Action::kReopen, true).status().message(),
              "ticket is " + S::Status_Name(open) + ": only a closed ticket can be reopened");
  }
}

TEST(Lifecycle, ReopenReturnsToWhereTheTicketWas) {
  EXPECT_EQ(*NextStatus(S::CLOSED, Action::kReopen, true), S::IN_PROGRESS);
  EXPECT_EQ(*NextStatus(S::CLOSED, Action::kReopen, false), S::OPEN);
}

}  // namespace
}  // namespace helpdesk::ticket
