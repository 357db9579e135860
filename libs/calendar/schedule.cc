#include "libs/calendar/schedule.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/status/status_macros.h"

namespace helpdesk::calendar {
namespace {

constexpr int kMaxTableYears = 400;

int WeekdayIndex(absl::Weekday day) { return static_cast<int>(day); }

const char* WeekdayName(absl::Weekday day) {
  static constexpr const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  return kNames[WeekdayIndex(day)];
}

absl::Status ValidateWindows(const std::vector<WorkingWindow>& windows) {
  if (windows.empty()) {
    return absl::InvalidArgumentError("windows: at least one working window is required");
  }
  for (size_t i = 0; i < windows.size(); ++i) {
    const WorkingWindow& w = windows[i];
    const std::string field = absl::StrCat("windows[", i, "]");
    if (WeekdayIndex(w.weekday) < 0 || WeekdayIndex(w.weekday) > 6) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".weekday: not a weekday"));
    }
    if (w.start_minute < 0 || w.start_minute >= kMinutesPerDay) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".start: must be 00:00..23:59"));
    }
    if (w.end_minute < 1 || w.end_minute > kMinutesPerDay) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".end: must be 00:01..24:00"));
    }
    if (w.start_minute >= w.end_minute) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": start ", FormatTimeOfDay(w.start_minute), " must be before end ",
                       FormatTimeOfDay(w.end_minute), " (windows cannot cross midnight)"));
    }
    for (size_t j = 0; j < i; ++j) {
      const WorkingWindow& other = windows[j];
      if (other.weekday == w.weekday && w.start_minute < other.end_minute &&
          other.start_minute < w.end_minute) {
        return absl::InvalidArgumentError(
            absl::StrCat(field, ": overlaps windows[", j, "] on ", WeekdayName(w.weekday)));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Schedule> Schedule::Compile(const CalendarSpec& spec) {
  Schedule schedule;
  if (spec.time_zone.empty()) return absl::InvalidArgumentError("timeZone: required");
  if (!absl::LoadTimeZone(spec.time_zone, &schedule.zone_)) {
    return absl::InvalidArgumentError(
        absl::StrCat("timeZone: cannot load \"", spec.time_zone, "\" from the zoneinfo database"));
  }
  HELPDESK_RETURN_IF_ERROR(ValidateWindows(spec.windows));
  for (const WorkingWindow& w : spec.windows) {
    schedule.windows_[WeekdayIndex(w.weekday)].emplace_back(w.start_minute, w.end_minute);
  }
  for (auto& day : schedule.windows_) std::sort(day.begin(), day.end());

  if (spec.national_holidays) schedule.rules_ = ItalianNationalHolidays();
  for (size_t i = 0; i < spec.local_holidays.size(); ++i) {
    HELPDESK_RETURN_IF_ERROR(
        ValidateRule(spec.local_holidays[i], absl::StrCat("localHolidays[", i, "]")));
    schedule.rules_.push_back(spec.local_holidays[i]);
  }
  schedule.closures_ = spec.closures;
  std::stable_sort(schedule.closures_.begin(), schedule.closures_.end(),
                   [](const Closure& a, const Closure& b) { return a.day < b.day; });

  if (spec.table_first_year <= spec.table_last_year &&
      (spec.table_first_year < kFirstRuleYear || spec.table_last_year > kLastRuleYear ||
       spec.table_last_year - spec.table_first_year >= kMaxTableYears)) {
    return absl::InvalidArgumentError(absl::StrCat("tableYears: at most ", kMaxTableYears,
                                                   " years within ", kFirstRuleYear, "..",
                                                   kLastRuleYear));
  }
  schedule.table_first_year_ = spec.table_first_year;
  schedule.table_last_year_ = spec.table_last_year;
  return schedule;
}

const std::string* Schedule::ClosureName(absl::CivilDay day) const {
  auto it = std::lower_bound(closures_.begin(), closures_.end(), day,
                             [](const Closure& c, absl::CivilDay d) { return c.day < d; });
  if (it != closures_.end() && it->day == day) return &it->name;
  const int year = static_cast<int>(day.year());
  for (const HolidayRule& rule : rules_) {
    std::optional<absl::CivilDay> date = rule.DateIn(year);
    if (date && *date == day) return &rule.name;
  }
  return nullptr;
}

absl::Time Schedule::Resolve(absl::CivilSecond civil) const {
  const absl::TimeZone::TimeInfo info = zone_.At(civil);
  return info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
}

void Schedule::AppendDayWindows(absl::CivilDay day, std::vector<BusinessWindow>* out) const {
  const auto& windows = windows_[WeekdayIndex(absl::GetWeekday(day))];
  if (windows.empty() || ClosureName(day) != nullptr) return;
  const absl::CivilSecond midnight(day);
  for (const auto& [start, end] : windows) {
    const absl::Time s = Resolve(midnight + start * 60);
    const absl::Time e = Resolve(midnight + end * 60);
    if (s < e) out->push_back({s, e});
  }
}

}  // namespace helpdesk::calendar
