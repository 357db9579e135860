// Daylight-saving changes in Europe/Rome: 2025-03-30 02:00 CET → 03:00 CEST
// (a 23-hour day) and 2025-10-26 03:00 CEST → 02:00 CET (a 25-hour day).
// Both are Sundays, so calendars with Sunday windows prove the crossing.
#include <gtest/gtest.h>

#include "libs/calendar/calendar.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::calendar {
namespace {

using testing::DefaultCalendar;
using testing::InRome;
using testing::MakeCalendar;
using testing::Rome;
using testing::SevenDaySpec;

const absl::Time kSpringForward =
    absl::FromCivil(absl::CivilSecond(2025, 3, 30, 1, 0, 0), absl::UTCTimeZone());
const absl::Time kFallBack =
    absl::FromCivil(absl::CivilSecond(2025, 10, 26, 1, 0, 0), absl::UTCTimeZone());

TEST(CalendarDst, DefaultCalendarCountsBusinessHoursAcrossBothChanges) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 3, 28, 17, 0), absl::Hours(4))),
            "Mon 2025-03-31 11:30:00 +02:00");
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 3, 28, 9, 0), Rome(2025, 3, 31, 18, 30)),
            absl::Hours(16));
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 10, 24, 17, 0), absl::Hours(4))),
            "Mon 2025-10-27 11:30:00 +01:00");
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 10, 24, 9, 0), Rome(2025, 10, 27, 18, 30)),
            absl::Hours(16));
}

TEST(CalendarDst, AroundTheClockCalendarFollowsAbsoluteTime) {
  const Calendar calendar = MakeCalendar(SevenDaySpec(0, kMinutesPerDay));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 3, 30, 0, 0), Rome(2025, 3, 31, 0, 0)),
            absl::Hours(23));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 10, 26, 0, 0), Rome(2025, 10, 27, 0, 0)),
            absl::Hours(25));
  const absl::Time saturday_noon = Rome(2025, 3, 29, 12, 0);
  EXPECT_EQ(InRome(calendar.AddBusinessTime(saturday_noon, absl::Hours(24))),
            "Sun 2025-03-30 13:00:00 +02:00");
  for (absl::Time start : {Rome(2025, 3, 29, 23, 0), Rome(2025, 10, 25, 23, 30)}) {
    for (int hours = 1; hours <= 30; ++hours) {
      EXPECT_EQ(calendar.AddBusinessTime(start, absl::Hours(hours)), start + absl::Hours(hours))
          << InRome(start) << " + " << hours << "h";
    }
  }
  // The repeated hour is working time both times.
  EXPECT_TRUE(calendar.IsWorkingTime(kFallBack - absl::Minutes(30)));
  EXPECT_TRUE(calendar.IsWorkingTime(kFallBack + absl::Minutes(30)));
}

TEST(CalendarDst, NightWindowShrinksInSpringAndGrowsInAutumn) {
  const Calendar calendar = MakeCalendar(SevenDaySpec(60, 4 * 60));  // 01:00–04:00
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 3, 30, 0, 0), Rome(2025, 3, 31, 0, 0)),
            absl::Hours(2));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 10, 26, 0, 0), Rome(2025, 10, 27, 0, 0)),
            absl::Hours(4));
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 3, 30, 1, 30), absl::Hours(1))),
            "Sun 2025-03-30 03:30:00 +02:00");
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 10, 26, 1, 30), absl::Hours(2))),
            "Sun 2025-10-26 02:30:00 +01:00");
  // Saturday's 01:00–04:00, Sunday's 01:00–03:00 CET/CEST…: 3 h + 2 h, then Monday.
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 3, 29, 1, 0), absl::Hours(6))),
            "Mon 2025-03-31 02:00:00 +02:00");
}

TEST(CalendarDst, WindowStartingInTheGapStartsAtTheTransition) {
  const Calendar calendar = MakeCalendar(SevenDaySpec(2 * 60 + 30, 5 * 60));  // 02:30–05:00
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 3, 30, 0, 0)), kSpringForward);
  EXPECT_EQ(InRome(kSpringForward), "Sun 2025-03-30 03:00:00 +02:00");
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 3, 30, 0, 0), Rome(2025, 3, 31, 0, 0)),
            absl::Hours(2));
  // In autumn a boundary in the repeated hour is its first occurrence.
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 10, 26, 0, 0)), kFallBack - absl::Minutes(30));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 10, 26, 0, 0), Rome(2025, 10, 27, 0, 0)),
            absl::Hours(3) + absl::Minutes(30));
}

TEST(CalendarDst, WindowInsideTheGapIsEmptyThatDay) {
  const Calendar calendar = MakeCalendar(SevenDaySpec(2 * 60 + 10, 2 * 60 + 50));  // 02:10–02:50
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 3, 30, 0, 0), Rome(2025, 3, 31, 0, 0)),
            absl::ZeroDuration());
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 3, 30, 0, 0)), Rome(2025, 3, 31, 2, 10));
  EXPECT_EQ(calendar.AddBusinessTime(Rome(2025, 3, 29, 2, 30), absl::Minutes(30)),
            Rome(2025, 3, 31, 2, 20));
}

TEST(CalendarDst, DayByDayPathAgreesWithTheTable) {
  for (const CalendarSpec& base : {SevenDaySpec(0, kMinutesPerDay), SevenDaySpec(60, 4 * 60),
                                   SevenDaySpec(2 * 60 + 30, 5 * 60), CalendarSpec{}}) {
    CalendarSpec untabled = base;
    untabled.table_first_year = 1;
    untabled.table_last_year = 0;
    const Calendar with_table = MakeCalendar(base);
    const Calendar without = MakeCalendar(untabled);
    for (absl::Time start = Rome(2025, 3, 28, 0, 0); start < Rome(2025, 4, 1, 0, 0);
         start += absl::Minutes(37)) {
      for (absl::Duration d : {absl::Minutes(45), absl::Hours(2), absl::Hours(8)}) {
        ASSERT_EQ(with_table.AddBusinessTime(start, d), without.AddBusinessTime(start, d))
            << InRome(start);
        ASSERT_EQ(with_table.BusinessTimeBetween(start, start + d),
                  without.BusinessTimeBetween(start, start + d))
            << InRome(start);
      }
    }
  }
}

}  // namespace
}  // namespace helpdesk::calendar
