#include "libs/billing/time_split.h"

#include <algorithm>

namespace helpdesk::billing {
namespace {

enum class DayClass { kWorking, kClosedWorkday, kRest };

DayClass ClassOf(const calendar::Calendar& calendar, absl::CivilDay day,
                 bool holidays_like_sunday) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  if (weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday)
    return DayClass::kRest;
  if (calendar.ClosureName(day).has_value()) {
    return holidays_like_sunday ? DayClass::kRest : DayClass::kClosedWorkday;
  }
  return DayClass::kWorking;
}

int64_t RoundedMinutes(absl::Duration d) {
  return absl::ToInt64Seconds(d + absl::Seconds(30)) / 60;
}

}  // namespace

absl::Time StartOfDay(absl::CivilDay day, const absl::TimeZone& zone) {
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(day));
  // In a gap, `trans` is the instant the clocks jumped: the day's first one.
  return info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
}

MinuteSplit SplitInterval(const calendar::Calendar& calendar, absl::Time start, absl::Time end,
                          bool holidays_like_sunday) {
  const absl::TimeZone& zone = calendar.time_zone();
  absl::Duration working = absl::ZeroDuration();
  absl::Duration rest = absl::ZeroDuration();
  absl::Time t = start;
  while (t < end) {
    const absl::CivilDay day(zone.At(t).cs);
    const absl::Time segment_end = std::min(end, StartOfDay(day + 1, zone));
    switch (ClassOf(calendar, day, holidays_like_sunday)) {
      case DayClass::kRest:
        rest += segment_end - t;
        break;
      case DayClass::kClosedWorkday:
        break;  // no working hours: all out of hours
      case DayClass::kWorking:
        working += calendar.BusinessTimeBetween(t, segment_end);
        break;
    }
    t = segment_end;
  }
  MinuteSplit split;
  split.normal = RoundedMinutes(working);
  split.weekend_holiday = RoundedMinutes(rest);
  split.out_of_hours =
      std::max<int64_t>(0, RoundedMinutes(end - start) - split.normal - split.weekend_holiday);
  return split;
}

}  // namespace helpdesk::billing
