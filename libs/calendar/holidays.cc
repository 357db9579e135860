#include "libs/calendar/holidays.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace helpdesk::calendar {
namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

HolidayRule HolidayRule::Fixed(std::string name, int month, int day, int first_year,
                               int last_year) {
  HolidayRule rule;
  rule.name = std::move(name);
  rule.kind = Kind::kFixedDate;
  rule.month = month;
  rule.day = day;
  rule.first_year = first_year;
  rule.last_year = last_year;
  return rule;
}

HolidayRule HolidayRule::EasterRelative(std::string name, int easter_offset, int first_year,
                                        int last_year) {
  HolidayRule rule;
  rule.name = std::move(name);
  rule.kind = Kind::kEasterOffset;
  rule.easter_offset = easter_offset;
  rule.first_year = first_year;
  rule.last_year = last_year;
  return rule;
}

std::optional<absl::CivilDay> HolidayRule::DateIn(int year) const {
  if (year < first_year || year > last_year) return std::nullopt;
  if (kind == Kind::kEasterOffset) return EasterSunday(year) + easter_offset;
  if (day > DaysInMonth(year, month)) return std::nullopt;  // 29 February
  return absl::CivilDay(year, month, day);
}

absl::Status ValidateRule(const HolidayRule& rule, const std::string& field) {
  if (rule.first_year < kFirstRuleYear || rule.last_year > kLastRuleYear ||
      rule.first_year > rule.last_year) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": years must be a range within ",
                                                   kFirstRuleYear, "..", kLastRuleYear));
  }
  if (rule.kind == HolidayRule::Kind::kEasterOffset) {
    // Keeps the holiday in the year of its Easter.
    if (rule.easter_offset < -80 || rule.easter_offset > 250) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": Easter offset must be within -80..250 days"));
    }
    return absl::OkStatus();
  }
  if (rule.month < 1 || rule.month > 12) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": month must be 1..12"));
  }
  if (rule.day < 1 || rule.day > DaysInMonth(2000, rule.month)) {  // 2000: a leap year
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": day ", rule.day, " does not exist in month ", rule.month));
  }
  return absl::OkStatus();
}

absl::CivilDay EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return absl::CivilDay(year, month, day);
}

const std::vector<HolidayRule>& ItalianNationalHolidays() {
  using R = HolidayRule;
  // Law 260/1949 made the list; law 54/1977 (5 March 1977) abolished five
  // religious holidays and moved 2 June and 4 November to Sundays (not
  // modelled: a Sunday); DPR 792/1985 restored 6 January from 1986; law
  // 336/2000 restored 2 June from 2001; law 151/2025 restores 4 October
  // (San Francesco, a holiday 1958–1976) from 2026.
  static const auto* rules = new std::vector<HolidayRule>{
      R::Fixed("Capodanno", 1, 1, 1949),
      R::Fixed("Epifania", 1, 6, 1949, 1977),
      R::Fixed("Epifania", 1, 6, 1986),
      R::Fixed("San Giuseppe", 3, 19, 1949, 1976),
      R::Fixed("Festa della Liberazione", 4, 25, 1949),
      R::EasterRelative("Lunedì dell'Angelo", 1, 1949),
      R::EasterRelative("Ascensione", 39, 1949, 1976),
      R::EasterRelative("Corpus Domini", 60, 1949, 1976),
      R::Fixed("Festa del Lavoro", 5, 1, 1949),
      R::Fixed("Festa della Repubblica", 6, 2, 1949, 1976),
      R::Fixed("Festa della Repubblica", 6, 2, 2001),
      R::Fixed("Santi Pietro e Paolo", 6, 29, 1949, 1976),
      R::Fixed("Assunzione", 8, 15, 1949),
      R::Fixed("San Francesco d'Assisi", 10, 4, 1958, 1976),
      R::Fixed("San Francesco d'Assisi", 10, 4, 2026),
      R::Fixed("Ognissanti", 11, 1, 1949),
      R::Fixed("Giorno dell'Unità Nazionale", 11, 4, 1949, 1976),
      R::Fixed("Immacolata Concezione", 12, 8, 1949),
      R::Fixed("Natale", 12, 25, 1949),
      R::Fixed("Santo Stefano", 12, 26, 1949),
  };
  return *rules;
}

std::vector<Holiday> HolidaysIn(const std::vector<HolidayRule>& rules, int year) {
  std::vector<Holiday> holidays;
  for (const HolidayRule& rule : rules) {
    if (std::optional<absl::CivilDay> day = rule.DateIn(year)) {
      holidays.push_back({*day, rule.name});
    }
  }
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& x, const Holiday& y) { return x.day < y.day; });
  holidays.erase(std::unique(holidays.begin(), holidays.end(),
                             [](const Holiday& x, const Holiday& y) { return x.day == y.day; }),
                 holidays.end());
  return holidays;
}

}  // namespace helpdesk::calendar
