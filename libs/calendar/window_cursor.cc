#include "libs/calendar/window_cursor.h"

namespace helpdesk::calendar {

WindowCursor::WindowCursor(const Schedule& schedule, const WindowTable& table, absl::Time t)
    : schedule_(schedule), table_(table), after_(t) {
  if (table_.Covers(t)) {
    in_table_ = true;
    index_ = table_.FirstEndingAfter(t);
    return;
  }
  // A window containing t belongs to t's civil day or, around a transition
  // at midnight, to the day before.
  day_ = absl::ToCivilDay(t, schedule_.zone()) - 1;
  if (table_.begin() < table_.end() && t < table_.begin()) {
    before_table_ = true;
    table_first_day_ = absl::CivilDay(schedule_.table_first_year(), 1, 1);
  }
}

std::optional<BusinessWindow> WindowCursor::Next() {
  for (;;) {
    if (in_table_) {
      if (index_ < table_.windows_count()) return table_.window(index_++);
      in_table_ = false;
      day_ = absl::CivilDay(schedule_.table_last_year() + 1, 1, 1);
      idle_days_ = 0;
    }
    if (buffered_ < buffer_.size()) {
      const BusinessWindow& w = buffer_[buffered_++];
      if (w.end > after_) return w;
      continue;
    }
    if (before_table_ && day_ >= table_first_day_) {
      // Every window of the table ends after its start, hence after t.
      before_table_ = false;
      in_table_ = true;
      index_ = 0;
      continue;
    }
    if (idle_days_ >= kMaxIdleDays) return std::nullopt;
    buffer_.clear();
    buffered_ = 0;
    schedule_.AppendDayWindows(day_, &buffer_);
    ++day_;
    idle_days_ = buffer_.empty() ? idle_days_ + 1 : 0;
  }
}

}  // namespace helpdesk::calendar
