// Helpers for the calendar tests: Europe/Rome civil times and readable
// instants in failure messages.
#pragma once

#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/calendar.h"

namespace helpdesk::calendar::testing {

inline const absl::TimeZone& RomeZone() {
  static const absl::TimeZone* zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/Rome", z)) std::abort();  // no zoneinfo: tests can't run
    return z;
  }();
  return *zone;
}

// A Europe/Rome civil time (unique ones only: not inside a DST change).
inline absl::Time Rome(int year, int month, int day, int hour, int minute, int second = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second), RomeZone());
}

// "Tue 2025-06-17 12:00:00 +02:00", with fractional seconds when there are any.
inline std::string InRome(absl::Time t) {
  return absl::FormatTime("%a %Y-%m-%d %H:%M:%E*S %Ez", t, RomeZone());
}

inline Calendar MakeCalendar(const CalendarSpec& spec) {
  absl::StatusOr<Calendar> calendar = Calendar::Create(spec);
  if (!calendar.ok()) std::abort();
  return *std::move(calendar);
}

inline const Calendar& DefaultCalendar() {
  static const Calendar* calendar = new Calendar(MakeCalendar(CalendarSpec{}));
  return *calendar;
}

// Every day of the week, the same windows.
inline CalendarSpec SevenDaySpec(int start_minute, int end_minute) {
  CalendarSpec spec;
  spec.windows.clear();
  for (int d = 0; d < 7; ++d) {
    spec.windows.push_back({static_cast<absl::Weekday>(d), start_minute, end_minute});
  }
  return spec;
}

}  // namespace helpdesk::calendar::testing
