// Properties over seeded random instants and durations: AddBusinessTime and
// BusinessTimeBetween are inverses; the precomputed table, the day-by-day
// path and a table of a single year agree everywhere (including across its
// edges and year ends); concurrent readers see the same answers.
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "libs/calendar/calendar.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::calendar {
namespace {

using testing::DefaultCalendar;
using testing::InRome;
using testing::MakeCalendar;
using testing::Rome;
using testing::SevenDaySpec;

constexpr uint32_t kSeed = 20250617;

// Random instants in 2023..2028 with nanoseconds, and durations up to 40 h
// with a bias towards the SLA targets.
struct RandomCase {
  absl::Time start;
  absl::Duration d;
};

std::vector<RandomCase> RandomCases(int count, uint32_t seed) {
  std::mt19937_64 rng(seed);
  const int64_t from = absl::ToUnixSeconds(Rome(2023, 1, 1, 0, 0));
  const int64_t to = absl::ToUnixSeconds(Rome(2029, 1, 1, 0, 0));
  std::uniform_int_distribution<int64_t> second(from, to);
  std::uniform_int_distribution<int64_t> nanos(0, 999'999'999);
  std::uniform_int_distribution<int64_t> duration_seconds(1, 40 * 3600);
  const absl::Duration targets[] = {absl::Hours(2), absl::Hours(4), absl::Hours(8),
                                    absl::Hours(16)};
  std::vector<RandomCase> cases;
  for (int i = 0; i < count; ++i) {
    RandomCase c;
    c.start = absl::FromUnixSeconds(second(rng)) + absl::Nanoseconds(nanos(rng));
    if (i % 4 == 0) c.start = absl::FromUnixSeconds(second(rng) / 60 * 60);  // whole minutes
    c.d = i % 3 == 0 ? targets[i % 4] : absl::Seconds(duration_seconds(rng));
    if (i % 5 == 0) c.d += absl::Nanoseconds(nanos(rng));
    cases.push_back(c);
  }
  return cases;
}

void ExpectInverse(const Calendar& calendar, const std::vector<RandomCase>& cases) {
  for (const RandomCase& c : cases) {
    const absl::Time due = calendar.AddBusinessTime(c.start, c.d);
    ASSERT_EQ(calendar.BusinessTimeBetween(c.start, due), c.d)
        << InRome(c.start) << " + " << c.d << " = " << InRome(due);
    // The earliest such instant: a due is working time's end or inside it.
    ASSERT_TRUE(calendar.IsWorkingTime(due - absl::Nanoseconds(1))) << InRome(due);
    ASSERT_LT(calendar.BusinessTimeBetween(c.start, due - absl::Nanoseconds(1)), c.d);
    ASSERT_GE(due, calendar.NextWorkingInstant(c.start));
  }
}

TEST(CalendarProperty, BetweenInvertsAddOnTheDefaultCalendar) {
  ExpectInverse(DefaultCalendar(), RandomCases(20000, kSeed));
}

TEST(CalendarProperty, BetweenInvertsAddAroundDaylightSavingChanges) {
  ExpectInverse(MakeCalendar(SevenDaySpec(60, 4 * 60)), RandomCases(5000, kSeed + 1));
  ExpectInverse(MakeCalendar(SevenDaySpec(2 * 60 + 30, 5 * 60)), RandomCases(5000, kSeed + 2));
  ExpectInverse(MakeCalendar(SevenDaySpec(0, kMinutesPerDay)), RandomCases(5000, kSeed + 3));
}

TEST(CalendarProperty, BetweenInvertsAddOnTheDayByDayPath) {
  CalendarSpec spec;
  spec.table_first_year = 1;
  spec.table_last_year = 0;
  ExpectInverse(MakeCalendar(spec), RandomCases(3000, kSeed + 4));
}

TEST(CalendarProperty, TableOfOneYearAgreesWithTheFullTableAcrossItsEdges) {
  CalendarSpec one_year;
  one_year.table_first_year = 2025;
  one_year.table_last_year = 2025;
  CalendarSpec none;
  none.table_first_year = 1;
  none.table_last_year = 0;
  const Calendar& full = DefaultCalendar();
  const Calendar partial = MakeCalendar(one_year);
  const Calendar untabled = MakeCalendar(none);
  std::vector<RandomCase> cases = RandomCases(5000, kSeed + 5);
  // Starts on both sides of each edge of 2025.
  for (absl::Time edge : {Rome(2025, 1, 1, 0, 0), Rome(2026, 1, 1, 0, 0)}) {
    for (int hours = -200; hours <= 200; hours += 7) {
      cases.push_back({edge + absl::Hours(hours), absl::Hours(16)});
      cases.push_back({edge + absl::Hours(hours), absl::Hours(40)});
    }
  }
  for (const RandomCase& c : cases) {
    const absl::Time due = full.AddBusinessTime(c.start, c.d);
    ASSERT_EQ(partial.AddBusinessTime(c.start, c.d), due) << InRome(c.start) << " + " << c.d;
    ASSERT_EQ(untabled.AddBusinessTime(c.start, c.d), due) << InRome(c.start) << " + " << c.d;
    const absl::Time end = c.start + c.d * 3;
    const absl::Duration between = full.BusinessTimeBetween(c.start, end);
    ASSERT_EQ(partial.BusinessTimeBetween(c.start, end), between) << InRome(c.start);
    ASSERT_EQ(untabled.BusinessTimeBetween(c.start, end), between) << InRome(c.start);
    ASSERT_EQ(partial.IsWorkingTime(c.start), full.IsWorkingTime(c.start)) << InRome(c.start);
    ASSERT_EQ(untabled.NextWorkingInstant(c.start), full.NextWorkingInstant(c.start))
        << InRome(c.start);
  }
}

TEST(CalendarProperty, BetweenOverYearsOutsideTheTableAddsUp) {
  const Calendar& calendar = DefaultCalendar();  // table 2000..2059
  // 2099 and 1999 lie outside; 251 working days of 8 h each in 2025.
  const absl::Duration y1999 =
      calendar.BusinessTimeBetween(Rome(1999, 1, 1, 0, 0), Rome(2000, 1, 1, 0, 0));
  const absl::Duration y2000 =
      calendar.BusinessTimeBetween(Rome(2000, 1, 1, 0, 0), Rome(2001, 1, 1, 0, 0));
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(1999, 1, 1, 0, 0), Rome(2001, 1, 1, 0, 0)),
            y1999 + y2000);
  EXPECT_EQ(calendar.BusinessTimeBetween(Rome(2025, 1, 1, 0, 0), Rome(2026, 1, 1, 0, 0)),
            absl::Hours(8 * 251));
  EXPECT_GT(calendar.BusinessTimeBetween(Rome(2099, 1, 1, 0, 0), Rome(2100, 1, 1, 0, 0)),
            absl::Hours(8 * 240));
}

TEST(CalendarProperty, ConcurrentReadersAgreeWithASingleThread) {
  const Calendar& calendar = DefaultCalendar();
  const std::vector<RandomCase> cases = RandomCases(4000, kSeed + 6);
  std::vector<absl::Time> expected;
  for (const RandomCase& c : cases) expected.push_back(calendar.AddBusinessTime(c.start, c.d));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < cases.size(); ++i) {
          if (calendar.AddBusinessTime(cases[i].start, cases[i].d) != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace helpdesk::calendar
