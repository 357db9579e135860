// Internal to libs/calendar: the working windows from an instant on, in time
// order, read from the precomputed table where it covers them and computed
// day by day from the schedule elsewhere (before or after the table's years).
// The general, slower path behind every Calendar operation; the table's
// prefix sums are the fast one.
#pragma once

#include <optional>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/schedule.h"
#include "libs/calendar/window_table.h"

namespace helpdesk::calendar {

class WindowCursor {
 public:
  // A calendar without any working time for this many consecutive days
  // (every day closed) is treated as never working again.
  static constexpr int kMaxIdleDays = 3660;

  // Both must outlive the cursor. `t` must be finite.
  WindowCursor(const Schedule& schedule, const WindowTable& table, absl::Time t);

  // The next window, the first being the first that ends after t; nullopt
  // once kMaxIdleDays pass without working time.
  std::optional<BusinessWindow> Next();

 private:
  const Schedule& schedule_;
  const WindowTable& table_;
  const absl::Time after_;
  bool in_table_ = false;
  size_t index_ = 0;    // in the table
  absl::CivilDay day_;  // the next day to compute, outside the table
  absl::CivilDay table_first_day_;
  bool before_table_ = false;  // day mode, and the table lies ahead
  std::vector<BusinessWindow> buffer_;
  size_t buffered_ = 0;  // next unread in buffer_
  int idle_days_ = 0;
};

}  // namespace helpdesk::calendar
