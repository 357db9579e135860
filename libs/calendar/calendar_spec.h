// The data a business calendar is made of: working windows per weekday in
// local civil time, the time zone, holidays and company closures. A
// CalendarSpec is plain data (what an administrator edits, what a database
// row or a helpdesk.sla.v1.Calendar message becomes); Calendar::Create
// validates it.
//
//   CalendarSpec spec;                       // Mon–Fri 09:00–13:00, 14:30–18:30,
//                                            // Europe/Rome, Italian holidays
//   spec.local_holidays.push_back(HolidayRule::Fixed("San Petronio", 10, 4));
//   spec.closures.push_back({absl::CivilDay(2025, 8, 14), "Summer closure"});
//   HELPDESK_ASSIGN_OR_RETURN(int nine, ParseTimeOfDay("09:00", "windows[0].start"));
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/holidays.h"

namespace helpdesk::calendar {

inline constexpr int kMinutesPerDay = 24 * 60;

// A working window [start, end) of a weekday, in minutes after local
// midnight; end may be 24:00 (kMinutesPerDay). Windows never cross midnight:
// a night shift is two windows.
struct WorkingWindow {
  absl::Weekday weekday = absl::Weekday::monday;
  int start_minute = 0;
  int end_minute = 0;
};

// A one-off closure of the company (a bridge day, a move, a strike).
struct Closure {
  absl::CivilDay day;
  std::string name;
};

// Mon–Fri 09:00–13:00 and 14:30–18:30 (SPEC §4).
std::vector<WorkingWindow> DefaultWorkingWindows();

struct CalendarSpec {
  std::string time_zone = "Europe/Rome";  // an IANA name, from the system zoneinfo
  std::vector<WorkingWindow> windows = DefaultWorkingWindows();
  bool national_holidays = true;            // ItalianNationalHolidays()
  std::vector<HolidayRule> local_holidays;  // e.g. the patron saint's day, yearly
  std::vector<Closure> closures;
  // Years whose working windows are precomputed as absolute instants (the
  // fast path); instants outside are computed day by day, exactly but more
  // slowly. first > last disables the table. At most 400 years.
  int table_first_year = 2000;
  int table_last_year = 2059;
};

// A business window counted in a computation, as absolute instants [start, end).
struct BusinessWindow {
  absl::Time start;
  absl::Time end;

  friend bool operator==(const BusinessWindow& a, const BusinessWindow& b) {
    return a.start == b.start && a.end == b.end;
  }
};

// "HH:MM" (00:00..24:00) → minutes after midnight. INVALID_ARGUMENT naming
// `field` otherwise.
absl::StatusOr<int> ParseTimeOfDay(absl::string_view text, absl::string_view field);

// Minutes after midnight → "HH:MM".
std::string FormatTimeOfDay(int minutes);

}  // namespace helpdesk::calendar
