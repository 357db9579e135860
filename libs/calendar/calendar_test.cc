// SPEC §4's worked examples, window boundaries, holidays and closures as the
// default calendar (Mon–Fri 09:00–13:00, 14:30–18:30, Europe/Rome) sees them.
#include "libs/calendar/calendar.h"

#include <gtest/gtest.h>

#include "libs/calendar/test_support.h"

namespace helpdesk::calendar {
namespace {

using testing::DefaultCalendar;
using testing::InRome;
using testing::MakeCalendar;
using testing::Rome;

struct DueExample {
  const char* name;
  absl::Time created;
  absl::Duration target;
  absl::Time due;
};

void PrintTo(const DueExample& example, std::ostream* os) {
  *os << example.name << ": " << InRome(example.created) << " + " << example.target;
}

class CalendarSpecExamples : public ::testing::TestWithParam<DueExample> {};

TEST_P(CalendarSpecExamples, DueIsTheSpecifiedInstant) {
  const DueExample& example = GetParam();
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(InRome(calendar.AddBusinessTime(example.created, example.target)), InRome(example.due));
  EXPECT_EQ(calendar.BusinessTimeBetween(example.created, example.due), example.target);
  DueExplanation explanation = calendar.ExplainDue(example.created, example.target);
  EXPECT_EQ(explanation.due, example.due);
  absl::Duration counted;
  for (const BusinessWindow& w : explanation.windows) counted += w.end - w.start;
  EXPECT_EQ(counted, example.target);
}

const absl::Duration kHigh = absl::Hours(2);
const absl::Duration kMedium = absl::Hours(4);
const absl::Duration kLow = absl::Hours(16);
const absl::Duration kUrgentOnSite = absl::Hours(8);

// The table of SPEC §4, row by row.
INSTANTIATE_TEST_SUITE_P(
    Spec4, CalendarSpecExamples,
    ::testing::Values(
        DueExample{"TueMorningHigh", Rome(2025, 6, 17, 10, 0), kHigh, Rome(2025, 6, 17, 12, 0)},
        DueExample{"HighEndsAtLunch", Rome(2025, 6, 17, 11, 0), kHigh, Rome(2025, 6, 17, 13, 0)},
        DueExample{"HighSpansLunch", Rome(2025, 6, 17, 12, 30), kHigh, Rome(2025, 6, 17, 16, 0)},
        DueExample{"HighCreatedAtLunch", Rome(2025, 6, 17, 13, 45), kHigh,
                   Rome(2025, 6, 17, 16, 30)},
        DueExample{"MediumOverWeekend", Rome(2025, 6, 20, 17, 0), kMedium,
                   Rome(2025, 6, 23, 11, 30)},
        DueExample{"LowTwoFullDays", Rome(2025, 6, 18, 9, 0), kLow, Rome(2025, 6, 19, 18, 30)},
        DueExample{"HighCreatedSaturday", Rome(2025, 6, 21, 11, 0), kHigh,
                   Rome(2025, 6, 23, 11, 0)},
        DueExample{"HighCreatedOnRepublicDay", Rome(2025, 6, 2, 10, 0), kHigh,
                   Rome(2025, 6, 3, 11, 0)},
        DueExample{"MediumOverChristmas", Rome(2025, 12, 24, 17, 30), kMedium,
                   Rome(2025, 12, 29, 12, 0)},
        DueExample{"UrgentOnSite", Rome(2025, 6, 19, 15, 0), kUrgentOnSite,
                   Rome(2025, 6, 20, 15, 0)}),
    [](const ::testing::TestParamInfo<DueExample>& info) { return info.param.name; });

TEST(CalendarBoundaries, CreatedAtWindowStartsAndEnds) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 17, 9, 0), kHigh)),
            InRome(Rome(2025, 6, 17, 11, 0)));
  // 13:00 and 18:30 are already outside: the clock starts at the next window.
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 17, 13, 0), kHigh)),
            InRome(Rome(2025, 6, 17, 16, 30)));
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 17, 14, 30), kHigh)),
            InRome(Rome(2025, 6, 17, 16, 30)));
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 17, 18, 30), kHigh)),
            InRome(Rome(2025, 6, 18, 11, 0)));
}

TEST(CalendarBoundaries, DueLandingOnAWindowEndIsThatEnd) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 17, 9, 0), kMedium)),
            InRome(Rome(2025, 6, 17, 13, 0)));
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 17, 16, 30), kHigh)),
            InRome(Rome(2025, 6, 17, 18, 30)));
  // Friday's last window ends the count, not Monday's first instant.
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 6, 20, 14, 30), kMedium)),
            InRome(Rome(2025, 6, 20, 18, 30)));
}

TEST(CalendarBoundaries, SubSecondPrecisionIsKept) {
  const Calendar& calendar = DefaultCalendar();
  const absl::Time start = Rome(2025, 6, 17, 12, 59, 59) + absl::Milliseconds(500);
  EXPECT_EQ(calendar.AddBusinessTime(start, absl::Seconds(1)),
            Rome(2025, 6, 17, 14, 30) + absl::Milliseconds(500));
  EXPECT_EQ(calendar.AddBusinessTime(start, absl::Milliseconds(500)), Rome(2025, 6, 17, 13, 0));
}

TEST(CalendarBoundaries, ZeroTargetIsTheInstantTheClockStarts) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(calendar.AddBusinessTime(Rome(2025, 6, 17, 10, 0), absl::ZeroDuration()),
            Rome(2025, 6, 17, 10, 0));
  EXPECT_EQ(calendar.AddBusinessTime(Rome(2025, 6, 17, 13, 0), absl::ZeroDuration()),
            Rome(2025, 6, 17, 14, 30));
  EXPECT_EQ(calendar.AddBusinessTime(Rome(2025, 6, 21, 10, 0), -absl::Hours(1)),
            Rome(2025, 6, 23, 9, 0));
}

TEST(CalendarWorkingTime, WindowsIncludeTheirStartAndExcludeTheirEnd) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_FALSE(calendar.IsWorkingTime(Rome(2025, 6, 17, 8, 59, 59)));
  EXPECT_TRUE(calendar.IsWorkingTime(Rome(2025, 6, 17, 9, 0)));
  EXPECT_TRUE(calendar.IsWorkingTime(Rome(2025, 6, 17, 13, 0) - absl::Nanoseconds(1)));
  EXPECT_FALSE(calendar.IsWorkingTime(Rome(2025, 6, 17, 13, 0)));
  EXPECT_TRUE(calendar.IsWorkingTime(Rome(2025, 6, 17, 14, 30)));
  EXPECT_FALSE(calendar.IsWorkingTime(Rome(2025, 6, 17, 18, 30)));
  EXPECT_FALSE(calendar.IsWorkingTime(Rome(2025, 6, 21, 10, 0)));  // Saturday
  EXPECT_FALSE(calendar.IsWorkingTime(Rome(2025, 6, 2, 10, 0)));   // 2 June
  EXPECT_FALSE(calendar.IsWorkingTime(absl::InfiniteFuture()));
}

TEST(CalendarWorkingTime, NextWorkingInstant) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 6, 17, 10, 15)), Rome(2025, 6, 17, 10, 15));
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 6, 17, 9, 0)), Rome(2025, 6, 17, 9, 0));
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 6, 17, 13, 0)), Rome(2025, 6, 17, 14, 30));
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 6, 17, 18, 30)), Rome(2025, 6, 18, 9, 0));
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 6, 17, 0, 0)), Rome(2025, 6, 17, 9, 0));
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 6, 20, 19, 0)), Rome(2025, 6, 23, 9, 0));
  // Thursday 1 May 2025, then the Friday.
  EXPECT_EQ(calendar.NextWorkingInstant(Rome(2025, 4, 30, 18, 30)), Rome(2025, 5, 2, 9, 0));
  EXPECT_EQ(calendar.NextWorkingInstant(absl::InfiniteFuture()), absl::InfiniteFuture());
}

TEST(CalendarBusinessTime, BetweenCountsOnlyWindowsAndIsAntisymmetric) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 6, 16, 0, 0), Rome(2025, 6, 23, 0, 0)),
            absl::Hours(40));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 6, 17, 12, 0), Rome(2025, 6, 17, 15, 0)),
            absl::Hours(1) + absl::Minutes(30));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 6, 17, 15, 0), Rome(2025, 6, 17, 12, 0)),
            -(absl::Hours(1) + absl::Minutes(30)));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 6, 21, 0, 0), Rome(2025, 6, 22, 0, 0)),
            absl::ZeroDuration());
}

TEST(CalendarExplanation, ListsTheCountedWindowsClipped) {
  DueExplanation explanation =
      DefaultCalendar().ExplainDue(Rome(2025, 6, 20, 17, 0), absl::Hours(4));
  EXPECT_EQ(explanation.due, Rome(2025, 6, 23, 11, 30));
  std::vector<BusinessWindow> expected = {{Rome(2025, 6, 20, 17, 0), Rome(2025, 6, 20, 18, 30)},
                                          {Rome(2025, 6, 23, 9, 0), Rome(2025, 6, 23, 11, 30)}};
  EXPECT_EQ(explanation.windows, expected);
}

TEST(CalendarHolidays, EasterMondayIsClosedInSeveralYears) {
  const Calendar& calendar = DefaultCalendar();
  for (absl::CivilDay day : {absl::CivilDay(2024, 4, 1), absl::CivilDay(2025, 4, 21),
                             absl::CivilDay(2026, 4, 6), absl::CivilDay(2027, 3, 29)}) {
    SCOPED_TRACE(day);
    EXPECT_EQ(calendar.ClosureName(day), "Lunedì dell'Angelo");
    const absl::Time ten = Rome(day.year(), day.month(), day.day(), 10, 0);
    EXPECT_FALSE(calendar.IsWorkingTime(ten));
    EXPECT_EQ(calendar.AddBusinessTime(ten, kHigh),
              Rome(day.year(), day.month(), day.day() + 1, 11, 0));
  }
}

TEST(CalendarHolidays, ChristmasToEpiphanyCountsOnlyTheWorkingDays) {
  const Calendar& calendar = DefaultCalendar();
  // Open: 24, 29, 30, 31 December; 2 and 5 January. Closed: 25, 26, 1, 6.
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 12, 24, 0, 0), Rome(2026, 1, 7, 0, 0)),
            absl::Hours(6 * 8));
  // Across the year's end.
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2025, 12, 31, 17, 30), kMedium)),
            InRome(Rome(2026, 1, 2, 12, 0)));
  EXPECT_EQ(InRome(calendar.AddBusinessTime(Rome(2026, 1, 5, 17, 30), kMedium)),
            InRome(Rome(2026, 1, 7, 12, 0)));
}

TEST(CalendarHolidays, SanFrancescoIsAHolidayFrom2026) {
  const Calendar& calendar = DefaultCalendar();
  EXPECT_EQ(calendar.ClosureName(absl::CivilDay(2027, 10, 4)), "San Francesco d'Assisi");
  EXPECT_FALSE(calendar.IsWorkingTime(Rome(2027, 10, 4, 10, 0)));  // a Monday
  // 4 October 2024 was a Friday, and an ordinary working day.
  EXPECT_EQ(calendar.ClosureName(absl::CivilDay(2024, 10, 4)), std::nullopt);
  EXPECT_TRUE(calendar.IsWorkingTime(Rome(2024, 10, 4, 10, 0)));
}

TEST(CalendarHolidays, LocalHolidaysClosuresAndNoNationalHolidays) {
  CalendarSpec spec;
  spec.local_holidays.push_back(HolidayRule::Fixed("Sant'Ambrogio", 12, 7));
  spec.closures.push_back({absl::CivilDay(2025, 8, 14), "Ponte di Ferragosto"});
  Calendar milan = MakeCalendar(spec);
  EXPECT_EQ(milan.ClosureName(absl::CivilDay(2026, 12, 7)), "Sant'Ambrogio");  // Monday
  EXPECT_FALSE(milan.IsWorkingTime(Rome(2026, 12, 7, 10, 0)));
  // Monday 7th closed, Tuesday 8th the Immacolata: the clock starts on the 9th.
  EXPECT_EQ(milan.AddBusinessTime(Rome(2026, 12, 7, 10, 0), kHigh), Rome(2026, 12, 9, 11, 0));
  EXPECT_EQ(milan.ClosureName(absl::CivilDay(2025, 8, 14)), "Ponte di Ferragosto");
  EXPECT_EQ(milan.AddBusinessTime(Rome(2025, 8, 13, 18, 0), kHigh), Rome(2025, 8, 18, 10, 30));

  spec = CalendarSpec{};
  spec.national_holidays = false;
  Calendar no_holidays = MakeCalendar(spec);
  EXPECT_TRUE(no_holidays.IsWorkingTime(Rome(2025, 6, 2, 10, 0)));
  EXPECT_EQ(no_holidays.AddBusinessTime(Rome(2025, 6, 2, 10, 0), kHigh), Rome(2025, 6, 2, 12, 0));
}

}  // namespace
}  // namespace helpdesk::calendar
