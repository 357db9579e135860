// Internal to libs/calendar: a validated CalendarSpec, able to say which
// absolute instants of one civil day are working time. This is the source of
// truth; WindowTable only precomputes it for a range of years.
//
// Civil ↔ absolute: a window boundary that falls in a daylight-saving gap
// (02:30 on the spring-forward night) resolves to the transition instant; one
// that falls in a repeated hour (autumn) resolves to its first occurrence. A
// window left empty by that (02:10–02:50 in the gap) has no working time.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/calendar_spec.h"

namespace helpdesk::calendar {

class Schedule {
 public:
  // INVALID_ARGUMENT naming the field (timeZone, windows[i], localHolidays[i],
  // tableYears) for a zone that does not load, a window that is empty,
  // reversed, out of the day or overlapping another, a bad holiday rule or
  // table range. Never falls back to UTC.
  static absl::StatusOr<Schedule> Compile(const CalendarSpec& spec);

  const absl::TimeZone& zone() const { return zone_; }
  int table_first_year() const { return table_first_year_; }
  int table_last_year() const { return table_last_year_; }

  // The name of the holiday or closure that closes `day`, or nullptr when the
  // day is not closed (it may still have no working windows, like a Sunday).
  const std::string* ClosureName(absl::CivilDay day) const;

  // Appends the working windows of `day` as absolute instants, in order.
  void AppendDayWindows(absl::CivilDay day, std::vector<BusinessWindow>* out) const;

  // The absolute instant of a civil time, resolved as described above.
  absl::Time Resolve(absl::CivilSecond civil) const;

 private:
  Schedule() = default;

  absl::TimeZone zone_;
  // Indexed by absl::Weekday (monday = 0); [start, end) minutes, sorted.
  std::array<std::vector<std::pair<int, int>>, 7> windows_;
  std::vector<HolidayRule> rules_;  // national (when enabled), then local
  std::vector<Closure> closures_;   // sorted by day
  int table_first_year_ = 0;
  int table_last_year_ = -1;
};

}  // namespace helpdesk::calendar
