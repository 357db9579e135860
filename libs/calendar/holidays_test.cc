#include "libs/calendar/holidays.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace helpdesk::calendar {
namespace {

using ::testing::HasSubstr;

std::vector<absl::CivilDay> Days(const std::vector<Holiday>& holidays) {
  std::vector<absl::CivilDay> days;
  for (const Holiday& h : holidays) days.push_back(h.day);
  return days;
}

bool IsNationalHoliday(absl::CivilDay day) {
  for (const Holiday& h : HolidaysIn(ItalianNationalHolidays(), static_cast<int>(day.year()))) {
    if (h.day == day) return true;
  }
  return false;
}

TEST(CalendarHolidayRules, EasterSundayOfKnownYears) {
  EXPECT_EQ(EasterSunday(1818), absl::CivilDay(1818, 3, 22));  // the earliest possible
  EXPECT_EQ(EasterSunday(1943), absl::CivilDay(1943, 4, 25));  // the latest possible
  EXPECT_EQ(EasterSunday(2000), absl::CivilDay(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2008), absl::CivilDay(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2011), absl::CivilDay(2011, 4, 24));
  EXPECT_EQ(EasterSunday(2019), absl::CivilDay(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2024), absl::CivilDay(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), absl::CivilDay(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), absl::CivilDay(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), absl::CivilDay(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2038), absl::CivilDay(2038, 4, 25));
  EXPECT_EQ(EasterSunday(2285), absl::CivilDay(2285, 3, 22));
}

TEST(CalendarHolidayRules, EasterIsASundayBetween22MarchAnd25April) {
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) {
    const absl::CivilDay easter = EasterSunday(year);
    ASSERT_EQ(absl::GetWeekday(easter), absl::Weekday::sunday) << year;
    ASSERT_GE(easter, absl::CivilDay(year, 3, 22)) << year;
    ASSERT_LE(easter, absl::CivilDay(year, 4, 25)) << year;
  }
}

TEST(CalendarHolidayRules, EasterMondayInSeveralYears) {
  for (absl::CivilDay day : {absl::CivilDay(2024, 4, 1), absl::CivilDay(2025, 4, 21),
                             absl::CivilDay(2026, 4, 6), absl::CivilDay(2027, 3, 29)}) {
    EXPECT_TRUE(IsNationalHoliday(day)) << day;
    EXPECT_EQ(absl::GetWeekday(day), absl::Weekday::monday) << day;
  }
}

TEST(CalendarHolidayRules, ItalianNationalHolidaysOf2025) {
  EXPECT_THAT(Days(HolidaysIn(ItalianNationalHolidays(), 2025)),
              ::testing::ElementsAre(absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 1, 6),
                                     absl::CivilDay(2025, 4, 21), absl::CivilDay(2025, 4, 25),
                                     absl::CivilDay(2025, 5, 1), absl::CivilDay(2025, 6, 2),
                                     absl::CivilDay(2025, 8, 15), absl::CivilDay(2025, 11, 1),
                                     absl::CivilDay(2025, 12, 8), absl::CivilDay(2025, 12, 25),
                                     absl::CivilDay(2025, 12, 26)));
}

TEST(CalendarHolidayRules, SanFrancescoOnlyFrom2026) {
  EXPECT_FALSE(IsNationalHoliday(absl::CivilDay(2024, 10, 4)));  // a Friday
  EXPECT_FALSE(IsNationalHoliday(absl::CivilDay(2025, 10, 4)));
  EXPECT_TRUE(IsNationalHoliday(absl::CivilDay(2026, 10, 4)));
  EXPECT_TRUE(IsNationalHoliday(absl::CivilDay(2027, 10, 4)));  // a Monday
  EXPECT_EQ(HolidaysIn(ItalianNationalHolidays(), 2026).size(), 12u);
}

TEST(CalendarHolidayRules, RulesCarryTheirYears) {
  EXPECT_FALSE(IsNationalHoliday(absl::CivilDay(1980, 1, 6)));  // law 54/1977
  EXPECT_TRUE(IsNationalHoliday(absl::CivilDay(1986, 1, 6)));   // DPR 792/1985
  EXPECT_FALSE(IsNationalHoliday(absl::CivilDay(1999, 6, 2)));
  EXPECT_TRUE(IsNationalHoliday(absl::CivilDay(2001, 6, 2)));  // law 336/2000

  const HolidayRule rule = HolidayRule::Fixed("Festa patronale", 6, 24, 2020, 2022);
  EXPECT_EQ(rule.DateIn(2019), std::nullopt);
  EXPECT_EQ(rule.DateIn(2020), absl::CivilDay(2020, 6, 24));
  EXPECT_EQ(rule.DateIn(2022), absl::CivilDay(2022, 6, 24));
  EXPECT_EQ(rule.DateIn(2023), std::nullopt);
}

TEST(CalendarHolidayRules, LeapDayRuleAppliesInLeapYearsOnly) {
  const HolidayRule leap = HolidayRule::Fixed("Leap day", 2, 29);
  EXPECT_EQ(leap.DateIn(2024), absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(leap.DateIn(2025), std::nullopt);
  EXPECT_EQ(leap.DateIn(2100), std::nullopt);
  EXPECT_TRUE(ValidateRule(leap, "localHolidays[0]").ok());
}

TEST(CalendarHolidayRules, DuplicateDatesAppearOnce) {
  std::vector<HolidayRule> rules = ItalianNationalHolidays();
  rules.push_back(HolidayRule::Fixed("Doppione", 12, 25));
  std::vector<Holiday> holidays = HolidaysIn(rules, 2025);
  EXPECT_EQ(holidays.size(), 11u);
  EXPECT_EQ(holidays.back().name, "Santo Stefano");
}

TEST(CalendarHolidayRules, ValidationNamesTheField) {
  absl::Status status = ValidateRule(HolidayRule::Fixed("x", 13, 1), "localHolidays[2]");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("localHolidays[2]: month"));
  EXPECT_THAT(ValidateRule(HolidayRule::Fixed("x", 4, 31), "localHolidays[0]").message(),
              HasSubstr("localHolidays[0]: day 31 does not exist"));
  EXPECT_FALSE(ValidateRule(HolidayRule::Fixed("x", 4, 1, 2030, 2020), "f").ok());
  EXPECT_FALSE(ValidateRule(HolidayRule::EasterRelative("x", 400), "f").ok());
  EXPECT_TRUE(ValidateRule(HolidayRule::EasterRelative("Pentecost Monday", 50), "f").ok());
}

}  // namespace
}  // namespace helpdesk::calendar
