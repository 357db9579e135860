// The scheduler's decisions, without a database: what fires when, each
// instant once, and how long the loop sleeps.
#include "services/sla/firing.h"

#include <gtest/gtest.h>

namespace helpdesk::sla {
namespace {

const absl::Time kCreated = absl::FromUnixSeconds(1'750'147'200);  // 2025-06-17 08:00 UTC

TimerState HighTicket() {
  TimerState state;
  state.warn_at = kCreated + absl::Minutes(90);
  state.due_at = kCreated + absl::Hours(2);
  return state;
}

TEST(DecideFiring, NothingBeforeTheWarning) {
  EXPECT_FALSE(DecideFiring(HighTicket(), kCreated + absl::Minutes(89)).Changes());
}

TEST(DecideFiring, WarningAtItsInstantThenBreachAtTheDue) {
  TimerState state = HighTicket();
  Firing at_warning = DecideFiring(state, *state.warn_at);
  EXPECT_TRUE(at_warning.warning);
  EXPECT_FALSE(at_warning.breach);
  state.warn_fired = true;
  EXPECT_FALSE(DecideFiring(state, *state.due_at - absl::Nanoseconds(1)).Changes());
  Firing at_due = DecideFiring(state, *state.due_at);
  EXPECT_TRUE(at_due.breach);
  EXPECT_FALSE(at_due.warning);
  EXPECT_FALSE(at_due.warning_skipped);
  state.due_fired = true;
  EXPECT_FALSE(DecideFiring(state, *state.due_at + absl::Hours(100)).Changes());
}

TEST(DecideFiring, CatchUpSendsTheBreachAndSkipsTheStaleWarning) {
  Firing late = DecideFiring(HighTicket(), kCreated + absl::Hours(30));
  EXPECT_TRUE(late.breach);
  EXPECT_FALSE(late.warning);
  EXPECT_TRUE(late.warning_skipped);
}

TEST(DecideFiring, StoppedClockFiresNothingButTheOnSiteDue) {
  TimerState state;  // taken in charge: warn_at and due_at cleared
  state.on_site_due_at = kCreated + absl::Hours(8);
  EXPECT_FALSE(DecideFiring(state, kCreated + absl::Hours(7)).Changes());
  Firing at_on_site = DecideFiring(state, kCreated + absl::Hours(8));
  EXPECT_TRUE(at_on_site.on_site_breach);
  EXPECT_FALSE(at_on_site.breach || at_on_site.warning || at_on_site.warning_skipped);
}

TEST(NextFireAt, IsTheEarliestUnfiredInstant) {
  TimerState state = HighTicket();
  state.on_site_due_at = kCreated + absl::Hours(8);
  EXPECT_EQ(NextFireAt(state), state.warn_at);
  state.warn_fired = true;
  EXPECT_EQ(NextFireAt(state), state.due_at);
  state.due_fired = true;
  EXPECT_EQ(NextFireAt(state), state.on_site_due_at);
  state.on_site_fired = true;
  EXPECT_EQ(NextFireAt(state), std::nullopt);
  EXPECT_EQ(NextFireAt(TimerState{}), std::nullopt);
}

TEST(WakeDelay, SleepsUntilTheNextInstantCappedByThePollInterval) {
  const absl::Duration cap = absl::Milliseconds(500);
  EXPECT_EQ(WakeDelay(std::nullopt, kCreated, cap), cap);
  EXPECT_EQ(WakeDelay(kCreated + absl::Milliseconds(120), kCreated, cap), absl::Milliseconds(120));
  EXPECT_EQ(WakeDelay(kCreated + absl::Hours(3), kCreated, cap), cap);
  EXPECT_EQ(WakeDelay(kCreated - absl::Seconds(5), kCreated, cap), absl::ZeroDuration());
}

}  // namespace
}  // namespace helpdesk::sla
