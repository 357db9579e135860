#include "libs/billing/time_split.h"

#include <gtest/gtest.h>

#include "libs/calendar/test_support.h"

namespace helpdesk::billing {
namespace {

using calendar::testing::DefaultCalendar;
using calendar::testing::MakeCalendar;
using calendar::testing::Rome;
using calendar::testing::RomeZone;

MinuteSplit Split(absl::Time start, absl::Time end, bool holidays_like_sunday = true) {
  return SplitInterval(DefaultCalendar(), start, end, holidays_like_sunday);
}

TEST(SplitInterval, AWholeWorkingDay) {
  MinuteSplit s = Split(Rome(2025, 6, 17, 0, 0), Rome(2025, 6, 18, 0, 0));
  EXPECT_EQ(s.normal, 8 * 60);
  EXPECT_EQ(s.out_of_hours, 16 * 60);
  EXPECT_EQ(s.weekend_holiday, 0);
}

TEST(SplitInterval, AWholeWeekFromMondayToMonday) {
  MinuteSplit s = Split(Rome(2025, 6, 16, 0, 0), Rome(2025, 6, 23, 0, 0));
  EXPECT_EQ(s.normal, 5 * 8 * 60);
  EXPECT_EQ(s.out_of_hours, 5 * 16 * 60);
  EXPECT_EQ(s.weekend_holiday, 2 * 24 * 60);
}

TEST(SplitInterval, AnEmptyInterval) {
  EXPECT_EQ(Split(Rome(2025, 6, 17, 10, 0), Rome(2025, 6, 17, 10, 0)).total(), 0);
}

TEST(SplitInterval, TheDaysOfTheClockChangesHaveTheirRealLength) {
  EXPECT_EQ(Split(Rome(2025, 3, 30, 0, 0), Rome(2025, 3, 31, 0, 0)).weekend_holiday, 23 * 60);
  EXPECT_EQ(Split(Rome(2025, 10, 26, 0, 0), Rome(2025, 10, 27, 0, 0)).weekend_holiday, 25 * 60);
}

TEST(SplitInterval, ACalendarWithDaylightSavingOnAWeekday) {
  // Havana moved its clocks at midnight, on Sunday 2023-03-12: the day
  // starts at 01:00 and Saturday ends at the jump.
  calendar::CalendarSpec spec;
  spec.time_zone = "America/Havana";
  spec.national_holidays = false;
  calendar::Calendar havana = MakeCalendar(spec);
  absl::TimeZone zone = havana.time_zone();
  absl::Time saturday_night = absl::FromCivil(absl::CivilSecond(2023, 3, 11, 23, 0, 0), zone);
  absl::Time monday_ten = absl::FromCivil(absl::CivilSecond(2023, 3, 13, 10, 0, 0), zone);
  MinuteSplit s = SplitInterval(havana, saturday_night, monday_ten, true);
  EXPECT_EQ(s.weekend_holiday, 60 + 23 * 60);
  EXPECT_EQ(s.out_of_hours, 9 * 60);
  EXPECT_EQ(s.normal, 60);
}

TEST(StartOfDay, MidnightOrTheEndOfTheGap) {
  EXPECT_EQ(StartOfDay(absl::CivilDay(2025, 6, 17), RomeZone()), Rome(2025, 6, 17, 0, 0));
  absl::TimeZone havana;
  ASSERT_TRUE(absl::LoadTimeZone("America/Havana", &havana));
  EXPECT_EQ(StartOfDay(absl::CivilDay(2023, 3, 12), havana),
            absl::FromUnixSeconds(1678597200));  // 2023-03-12T05:00:00Z = 01:00 CDT
}

}  // namespace
}  // namespace helpdesk::billing
