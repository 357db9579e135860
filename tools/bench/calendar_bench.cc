// Due computations per second of libs/calendar for the SLA targets (high 2 h,
// medium 4 h, urgent on-site 8 h, low 16 h) from varied start instants, next
// to a naive minute-stepping BASELINE written here for comparison only.
//
//   ninja -C build-sla calendar_bench && build-sla/tools/bench/calendar_bench
//
// Before measuring, main checks that the baseline and the calendar agree on
// the pre-generated starts, so the two columns compute the same thing.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <set>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/calendar.h"

namespace helpdesk::calendar {
namespace {

constexpr size_t kStarts = 4096;  // a power of two

const Calendar& RomeCalendar() {
  static const Calendar* calendar = new Calendar(*Calendar::Create(CalendarSpec{}));
  return *calendar;
}

// Whole-minute starts spread over 2025–2026, any day and hour (about 3 in 4
// outside working hours, as in real life).
const std::vector<absl::Time>& Starts() {
  static const std::vector<absl::Time>* starts = [] {
    std::mt19937_64 rng(20250617);
    const int64_t from = absl::ToUnixSeconds(
        absl::FromCivil(absl::CivilMinute(2025, 1, 1, 0, 0), RomeCalendar().time_zone()));
    std::uniform_int_distribution<int64_t> minute(0, 2 * 365 * 24 * 60);
    auto* v = new std::vector<absl::Time>;
    for (size_t i = 0; i < kStarts; ++i)
      v->push_back(absl::FromUnixSeconds(from + 60 * minute(rng)));
    return v;
  }();
  return *starts;
}

// ---------------------------------------------------------------------------
// BASELINE: the obvious implementation — step one minute at a time, convert
// each minute to Rome civil time, check weekday, holiday and windows. Not
// used by helpdesk; here only to show what the calendar's design buys.
class MinuteSteppingBaseline {
 public:
  MinuteSteppingBaseline() : zone_(RomeCalendar().time_zone()) {
    for (int year = 2024; year <= 2028; ++year) {
      for (const Holiday& h : HolidaysIn(ItalianNationalHolidays(), year)) holidays_.insert(h.day);
    }
  }

  // For whole-minute starts and whole-minute targets.
  absl::Time AddBusinessTime(absl::Time start, absl::Duration d) const {
    int64_t minutes = absl::ToInt64Minutes(d);
    absl::Time t = start;
    while (minutes > 0) {
      if (IsWorkingMinute(t)) --minutes;
      t += absl::Minutes(1);
    }
    return t;
  }

 private:
  bool IsWorkingMinute(absl::Time t) const {
    const absl::CivilSecond civil = absl::ToCivilSecond(t, zone_);
    const absl::Weekday weekday = absl::GetWeekday(civil);
    if (weekday == absl::Weekday::saturday || weekday == absl::Weekday::sunday) return false;
    if (holidays_.count(absl::CivilDay(civil)) > 0) return false;
    const int minute = civil.hour() * 60 + civil.minute();
    return (minute >= 9 * 60 && minute < 13 * 60) ||
           (minute >= 14 * 60 + 30 && minute < 18 * 60 + 30);
  }

  absl::TimeZone zone_;
  std::set<absl::CivilDay> holidays_;
};
// ---------------------------------------------------------------------------

void BM_AddBusinessTime(benchmark::State& state, absl::Duration target) {
  const Calendar& calendar = RomeCalendar();
  const std::vector<absl::Time>& starts = Starts();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.AddBusinessTime(starts[i++ & (kStarts - 1)], target));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_AddBusinessTime, high_2h, absl::Hours(2));
BENCHMARK_CAPTURE(BM_AddBusinessTime, medium_4h, absl::Hours(4));
BENCHMARK_CAPTURE(BM_AddBusinessTime, urgent_on_site_8h, absl::Hours(8));
BENCHMARK_CAPTURE(BM_AddBusinessTime, low_16h, absl::Hours(16));
BENCHMARK_CAPTURE(BM_AddBusinessTime, low_16h, absl::Hours(16))->Threads(2);

// Outside the precomputed years (or with the table disabled): day by day.
void BM_AddBusinessTimeDayByDay(benchmark::State& state, absl::Duration target) {
  CalendarSpec spec;
  spec.table_first_year = 1;
  spec.table_last_year = 0;
  const Calendar calendar = *Calendar::Create(spec);
  const std::vector<absl::Time>& starts = Starts();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.AddBusinessTime(starts[i++ & (kStarts - 1)], target));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_AddBusinessTimeDayByDay, high_2h, absl::Hours(2));
BENCHMARK_CAPTURE(BM_AddBusinessTimeDayByDay, low_16h, absl::Hours(16));

void BM_BusinessTimeBetween(benchmark::State& state) {
  const Calendar& calendar = RomeCalendar();
  const std::vector<absl::Time>& starts = Starts();
  size_t i = 0;
  for (auto _ : state) {
    const absl::Time a = starts[i & (kStarts - 1)];
    const absl::Time b = starts[(i * 7 + 3) & (kStarts - 1)];
    ++i;
    benchmark::DoNotOptimize(calendar.BusinessTimeBetween(a, b));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BusinessTimeBetween);

void BM_BaselineMinuteStepping(benchmark::State& state, absl::Duration target) {
  static const MinuteSteppingBaseline* baseline = new MinuteSteppingBaseline;
  const std::vector<absl::Time>& starts = Starts();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(baseline->AddBusinessTime(starts[i++ & (kStarts - 1)], target));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_BaselineMinuteStepping, high_2h, absl::Hours(2));
BENCHMARK_CAPTURE(BM_BaselineMinuteStepping, medium_4h, absl::Hours(4));
BENCHMARK_CAPTURE(BM_BaselineMinuteStepping, urgent_on_site_8h, absl::Hours(8));
BENCHMARK_CAPTURE(BM_BaselineMinuteStepping, low_16h, absl::Hours(16));

// Building the default calendar (the 2000–2059 table), once per process.
void BM_CreateDefaultCalendar(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Calendar::Create(CalendarSpec{}));
}
BENCHMARK(BM_CreateDefaultCalendar)->Unit(benchmark::kMillisecond);

bool BaselineAgrees() {
  MinuteSteppingBaseline baseline;
  for (absl::Duration target : {absl::Hours(2), absl::Hours(4), absl::Hours(8), absl::Hours(16)}) {
    for (size_t i = 0; i < 512; ++i) {
      const absl::Time start = Starts()[i];
      if (baseline.AddBusinessTime(start, target) !=
          RomeCalendar().AddBusinessTime(start, target)) {
        std::fprintf(stderr, "baseline and calendar disagree from %s + %s\n",
                     absl::FormatTime(start, RomeCalendar().time_zone()).c_str(),
                     absl::FormatDuration(target).c_str());
        return false;
      }
    }
  }
  return true;
}

}  // namespace
}  // namespace helpdesk::calendar

int main(int argc, char** argv) {
  if (!helpdesk::calendar::BaselineAgrees()) return 1;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
