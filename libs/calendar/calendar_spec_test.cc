// Building calendars from data: defaults, parsing, and the INVALID_ARGUMENT
// errors that name the offending field.
#include "libs/calendar/calendar_spec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/calendar/calendar.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::calendar {
namespace {

using ::testing::HasSubstr;

absl::Status CreateStatus(const CalendarSpec& spec) { return Calendar::Create(spec).status(); }

TEST(CalendarSpec, DefaultIsRomeWeekdaysEightHoursADay) {
  absl::StatusOr<Calendar> calendar = Calendar::Create(CalendarSpec{});
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->time_zone().name(), "Europe/Rome");
  EXPECT_EQ(DefaultWorkingWindows().size(), 10u);
  EXPECT_EQ(calendar->BusinessTimeBetween(testing::Rome(2025, 6, 17, 0, 0),
                                          testing::Rome(2025, 6, 18, 0, 0)),
            absl::Hours(8));
}

TEST(CalendarSpec, ParseTimeOfDay) {
  EXPECT_EQ(*ParseTimeOfDay("09:00", "windows[0].start"), 9 * 60);
  EXPECT_EQ(*ParseTimeOfDay("14:30", "windows[0].start"), 14 * 60 + 30);
  EXPECT_EQ(*ParseTimeOfDay("00:00", "windows[0].start"), 0);
  EXPECT_EQ(*ParseTimeOfDay("24:00", "windows[0].end"), kMinutesPerDay);
  for (const char* bad : {"9:00", "24:01", "25:00", "12:60", "ab:cd", "", "12:00 "}) {
    absl::StatusOr<int> parsed = ParseTimeOfDay(bad, "windows[3].end");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr("windows[3].end: "));
  }
  EXPECT_EQ(FormatTimeOfDay(14 * 60 + 30), "14:30");
}

TEST(CalendarSpec, ZoneThatFailsToLoadIsAnErrorNotUtc) {
  CalendarSpec spec;
  spec.time_zone = "Europe/Atlantis";
  absl::Status status = CreateStatus(spec);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("timeZone: cannot load \"Europe/Atlantis\""));
  spec.time_zone = "";
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("timeZone: required"));
}

TEST(CalendarSpec, ReversedWindowIsRefused) {
  CalendarSpec spec;
  spec.windows = {{absl::Weekday::monday, 13 * 60, 9 * 60}};
  absl::Status status = CreateStatus(spec);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("windows[0]: start 13:00 must be before end 09:00"));
  spec.windows = {{absl::Weekday::monday, 9 * 60, 9 * 60}};
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("windows[0]: start 09:00 must be before"));
}

TEST(CalendarSpec, OverlappingWindowsAreRefused) {
  CalendarSpec spec;
  spec.windows.push_back({absl::Weekday::wednesday, 12 * 60, 15 * 60});
  absl::Status status = CreateStatus(spec);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("windows[10]: overlaps windows[4] on Wednesday"));
  // Touching windows are fine, also on another day.
  spec.windows.back() = {absl::Weekday::wednesday, 13 * 60, 14 * 60 + 30};
  EXPECT_TRUE(CreateStatus(spec).ok());
}

TEST(CalendarSpec, WindowsOutOfTheDayOrMissingAreRefused) {
  CalendarSpec spec;
  spec.windows = {{absl::Weekday::monday, -10, 60}};
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("windows[0].start"));
  spec.windows = {{absl::Weekday::monday, 60, kMinutesPerDay + 1}};
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("windows[0].end"));
  spec.windows.clear();
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("windows: at least one"));
}

TEST(CalendarSpec, BadLocalHolidayAndTableRangeAreRefused) {
  CalendarSpec spec;
  spec.local_holidays = {HolidayRule::Fixed("ok", 12, 7), HolidayRule::Fixed("bad", 2, 30)};
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("localHolidays[1]: day 30"));
  spec = CalendarSpec{};
  spec.table_first_year = 1600;
  spec.table_last_year = 2100;
  EXPECT_THAT(CreateStatus(spec).message(), HasSubstr("tableYears: "));
}

}  // namespace
}  // namespace helpdesk::calendar
