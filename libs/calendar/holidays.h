// Holidays as data: rules that say which date of a year is a holiday and for
// which years the rule holds, because laws change them (Italy's 6 January was
// abolished in 1977 and restored in 1986; 4 October returns from 2026).
//
// A rule is either a fixed date (25 April) or an offset from Easter Sunday
// (Easter Monday is +1), valid from `first_year` to `last_year` inclusive.
//
//   for (const Holiday& h : HolidaysIn(ItalianNationalHolidays(), 2026)) {
//     std::cout << h.day << " " << h.name << "\n";   // 2026-04-06 Easter Monday …
//   }
//   HolidayRule patron = HolidayRule::Fixed("San Petronio", 10, 4);  // Bologna
//
// Pure functions of their arguments; no I/O, no global state but the
// immutable national table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace helpdesk::calendar {

// Years for which rules are meaningful; also the defaults of an open range.
inline constexpr int kFirstRuleYear = 1583;  // the first full Gregorian year
inline constexpr int kLastRuleYear = 9999;

struct HolidayRule {
  enum class Kind { kFixedDate, kEasterOffset };

  std::string name;
  Kind kind = Kind::kFixedDate;
  int month = 1;          // kFixedDate: 1..12
  int day = 1;            // kFixedDate: 1..31 (29 February: leap years only)
  int easter_offset = 0;  // kEasterOffset: days after Easter Sunday
  int first_year = kFirstRuleYear;
  int last_year = kLastRuleYear;

  static HolidayRule Fixed(std::string name, int month, int day, int first_year = kFirstRuleYear,
                           int last_year = kLastRuleYear);
  static HolidayRule EasterRelative(std::string name, int easter_offset,
                                    int first_year = kFirstRuleYear, int last_year = kLastRuleYear);

  // The date of the holiday in `year`, or nullopt when the rule does not
  // apply that year (outside its years, or 29 February of a common year).
  std::optional<absl::CivilDay> DateIn(int year) const;
};

struct Holiday {
  absl::CivilDay day;
  std::string name;
};

// OK, or INVALID_ARGUMENT naming `field` (e.g. "localHolidays[2]") when the
// month, day, offset or years are out of range.
absl::Status ValidateRule(const HolidayRule& rule, const std::string& field);

// Easter Sunday of the Gregorian calendar (the anonymous algorithm of
// Meeus/Jones/Butcher, exact for every Gregorian year).
absl::CivilDay EasterSunday(int year);

// Italy's national holidays (law 260/1949 as amended by law 54/1977,
// DPR 792/1985, law 336/2000 and law 151/2025). Holidays that fall on a
// Sunday are listed all the same.
const std::vector<HolidayRule>& ItalianNationalHolidays();

// The holidays `rules` give in `year`, sorted by date; a date named by two
// rules appears once, with the first rule's name.
std::vector<Holiday> HolidaysIn(const std::vector<HolidayRule>& rules, int year);

}  // namespace helpdesk::calendar
