// Internal to libs/calendar: every working window of a range of years,
// precomputed once as absolute instants with the business time elapsed
// before each (a prefix sum), so that the hot operations are index lookups:
//
//   position(t) = business time from the table's start to t
//   AddBusinessTime(t, d)     = the instant whose position is position(t) + d
//   BusinessTimeBetween(a, b) = position(b) − position(a)
//
// A window containing t is found in O(1) through an index by UTC day; the
// window reaching a target position by a galloping search from there.
// Immutable after construction, so any number of threads may read it
// without locks.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "libs/calendar/schedule.h"

namespace helpdesk::calendar {

class WindowTable {
 public:
  // An empty table (covering nothing) when the schedule disables it.
  explicit WindowTable(const Schedule& schedule);

  // [begin, end): local midnight of 1 January of the first year to that of
  // the year after the last.
  absl::Time begin() const { return begin_; }
  absl::Time end() const { return end_; }
  bool Covers(absl::Time t) const { return begin_ <= t && t < end_; }

  // Index of the first window ending after t (windows_count() if none);
  // requires Covers(t).
  size_t FirstEndingAfter(absl::Time t) const;

  // Business time in [begin(), t]; t within [begin(), end()].
  absl::Duration Position(absl::Time t) const;

  // The earliest instant with d of business time in [start, instant], if it
  // is inside the table; requires Covers(start) and d > 0.
  std::optional<absl::Time> Add(absl::Time start, absl::Duration d) const;

  size_t windows_count() const { return starts_.size(); }
  BusinessWindow window(size_t i) const {
    return {absl::FromUnixSeconds(starts_[i]), absl::FromUnixSeconds(ends_[i])};
  }

 private:
  absl::Time begin_ = absl::UnixEpoch();
  absl::Time end_ = absl::UnixEpoch();
  int64_t begin_seconds_ = 0;
  // Windows in order; Unix seconds (boundaries are whole minutes of civil
  // time, hence whole seconds).
  std::vector<int64_t> starts_;
  std::vector<int64_t> ends_;
  // elapsed_[i]: business seconds in the windows before window i;
  // elapsed_[windows_count()] is the total.
  std::vector<int64_t> elapsed_;
  // by_utc_day_[k]: the first window ending after begin_ + k days.
  std::vector<uint32_t> by_utc_day_;
};

}  // namespace helpdesk::calendar
