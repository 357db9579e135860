#include "libs/calendar/window_table.h"

#include <algorithm>

namespace helpdesk::calendar {
namespace {

constexpr int64_t kSecondsPerDay = 24 * 60 * 60;

// The smallest whole number of seconds not shorter than d (d ≥ 0).
int64_t CeilSeconds(absl::Duration d) {
  int64_t seconds = absl::ToInt64Seconds(d);
  return absl::Seconds(seconds) < d ? seconds + 1 : seconds;
}

}  // namespace

WindowTable::WindowTable(const Schedule& schedule) {
  const int first = schedule.table_first_year();
  const int last = schedule.table_last_year();
  if (first > last) return;
  begin_ = schedule.Resolve(absl::CivilSecond(first, 1, 1));
  end_ = schedule.Resolve(absl::CivilSecond(last + 1, 1, 1));
  begin_seconds_ = absl::ToUnixSeconds(begin_);

  std::vector<BusinessWindow> day_windows;
  elapsed_.push_back(0);
  for (absl::CivilDay day(first, 1, 1), stop(last + 1, 1, 1); day < stop; ++day) {
    day_windows.clear();
    schedule.AppendDayWindows(day, &day_windows);
    for (const BusinessWindow& w : day_windows) {
      starts_.push_back(absl::ToUnixSeconds(w.start));
      ends_.push_back(absl::ToUnixSeconds(w.end));
      elapsed_.push_back(elapsed_.back() + (ends_.back() - starts_.back()));
    }
  }

  const int64_t days = (absl::ToUnixSeconds(end_) - begin_seconds_) / kSecondsPerDay + 1;
  by_utc_day_.reserve(days);
  size_t i = 0;
  for (int64_t k = 0; k < days; ++k) {
    const int64_t threshold = begin_seconds_ + k * kSecondsPerDay;
    while (i < ends_.size() && ends_[i] <= threshold) ++i;
    by_utc_day_.push_back(static_cast<uint32_t>(i));
  }
}

size_t WindowTable::FirstEndingAfter(absl::Time t) const {
  // Window ends are whole seconds, so "end > t" is "end > floor(t)".
  const int64_t seconds = absl::ToUnixSeconds(t);
  size_t i = by_utc_day_[(seconds - begin_seconds_) / kSecondsPerDay];
  while (i < ends_.size() && ends_[i] <= seconds) ++i;
  return i;
}

absl::Duration WindowTable::Position(absl::Time t) const {
  if (t >= end_) return absl::Seconds(elapsed_.back());
  const size_t i = FirstEndingAfter(t);
  if (i == starts_.size()) return absl::Seconds(elapsed_.back());
  const absl::Time start = absl::FromUnixSeconds(starts_[i]);
  const absl::Duration before = absl::Seconds(elapsed_[i]);
  return t <= start ? before : before + (t - start);
}

std::optional<absl::Time> WindowTable::Add(absl::Time start, absl::Duration d) const {
  const size_t n = starts_.size();
  const size_t i = FirstEndingAfter(start);
  if (i == n) return std::nullopt;
  const absl::Time window_start = absl::FromUnixSeconds(starts_[i]);
  const absl::Duration target =
      absl::Seconds(elapsed_[i]) +
      (start > window_start ? start - window_start : absl::ZeroDuration()) + d;
  const int64_t target_seconds = CeilSeconds(target);

  // The window j that reaches the target is the first with
  // elapsed_[j + 1] >= target. Gallop from i + 1: targets are usually a few
  // windows away.
  size_t lo = i + 1;
  size_t hi = lo;
  size_t step = 1;
  while (hi <= n && elapsed_[hi] < target_seconds) {
    lo = hi + 1;
    hi = lo + step;
    step *= 2;
  }
  const auto first = elapsed_.begin() + std::min(lo, n + 1);
  const auto last = elapsed_.begin() + std::min(hi + 1, n + 1);
  const size_t k = std::lower_bound(first, last, target_seconds) - elapsed_.begin();
  if (k == n + 1) return std::nullopt;
  const size_t j = k - 1;
  // Landing exactly on a window's end gives that end, not the next start.
  return absl::FromUnixSeconds(starts_[j]) + (target - absl::Seconds(elapsed_[j]));
}

}  // namespace helpdesk::calendar
