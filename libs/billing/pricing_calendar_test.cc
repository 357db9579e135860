// Pricing on the calendar's edges: the lunch break, early mornings,
// midnight into and out of the weekend, national holidays, company closures,
// daylight-saving changes.
#include <gtest/gtest.h>

#include "libs/billing/pricing.h"
#include "libs/billing/pricing_test_support.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::billing {
namespace {

using calendar::testing::MakeCalendar;
using calendar::testing::Rome;
using testing::kSad;
using testing::Price;
using testing::Tuesday;

TEST(Split, TheLunchBreakIsOutOfHours) {
  // 12:30–13:30: 30 min normal, 30 min of the 13:00–14:30 break at +50%.
  PricedEntry e = Price({Tuesday(kSad, 12, 30, 60)}).entries[0];
  EXPECT_EQ(e.split.normal, 30);
  EXPECT_EQ(e.split.out_of_hours, 30);
  EXPECT_EQ(e.amount_cents, 7500);
}

TEST(Split, TheMinimumExtendsAtTheEndIntoTheLunchBreak) {
  // On-site from 10:00 for 1 h, billed 4 h: 10:00–14:00, 3 h normal + 1 h lunch.
  PricedEntry e = Price({Tuesday(kSad, 10, 0, 60, /*on_site=*/true)}).entries[0];
  EXPECT_EQ(e.billed_end, Rome(2025, 6, 17, 14, 0));
  EXPECT_EQ(e.split.normal, 180);
  EXPECT_EQ(e.split.out_of_hours, 60);
  EXPECT_EQ(e.amount_cents, 18000 + 9000);
}

TEST(Split, EarlyMorningIsOutOfHours) {
  PricedEntry e = Price({Tuesday(kSad, 8, 0, 120)}).entries[0];
  EXPECT_EQ(e.split.out_of_hours, 60);
  EXPECT_EQ(e.split.normal, 60);
}

TEST(Split, AcrossMidnightIntoSaturday) {
  // Fri 2025-06-20 23:30 – Sat 00:30: 30 min at +50%, 30 min at +100%.
  Entry entry{kSad, Rome(2025, 6, 20, 23, 30), Rome(2025, 6, 21, 0, 30)};
  PricedEntry e = Price({entry}).entries[0];
  EXPECT_EQ(e.split.out_of_hours, 30);
  EXPECT_EQ(e.split.weekend_holiday, 30);
  EXPECT_EQ(e.amount_cents, 4500 + 6000);
}

TEST(Split, AcrossMidnightFromSundayIntoMonday) {
  Entry entry{kSad, Rome(2025, 6, 22, 23, 0), Rome(2025, 6, 23, 1, 0)};
  PricedEntry e = Price({entry}).entries[0];
  EXPECT_EQ(e.split.weekend_holiday, 60);
  EXPECT_EQ(e.split.out_of_hours, 60);
  EXPECT_EQ(e.amount_cents, 12000 + 9000);
}

TEST(Split, ANationalHolidayIsLikeSunday) {
  // Mon 2025-06-02, Festa della Repubblica.
  Entry entry{kSad, Rome(2025, 6, 2, 10, 0), Rome(2025, 6, 2, 11, 0)};
  PricedEntry e = Price({entry}).entries[0];
  EXPECT_EQ(e.split.weekend_holiday, 60);
  EXPECT_EQ(e.amount_cents, 12000);
}

TEST(Split, AHolidayNotLikeSundayIsAllOutOfHours) {
  PricingOptions options;
  options.holidays_like_sunday = false;
  Entry entry{kSad, Rome(2025, 6, 2, 10, 0), Rome(2025, 6, 2, 11, 0)};
  PricedEntry e = Price({entry}, options).entries[0];
  EXPECT_EQ(e.split.weekend_holiday, 0);
  EXPECT_EQ(e.split.out_of_hours, 60);
  EXPECT_EQ(e.amount_cents, 9000);
  // A Saturday stays a Saturday.
  Entry saturday{kSad, Rome(2025, 6, 21, 10, 0), Rome(2025, 6, 21, 11, 0)};
  EXPECT_EQ(Price({saturday}, options).total_cents, 12000);
}

TEST(Split, EasterMondayIsAHoliday) {
  Entry entry{kSad, Rome(2025, 4, 21, 15, 0), Rome(2025, 4, 21, 16, 0)};
  EXPECT_EQ(Price({entry}).entries[0].split.weekend_holiday, 60);
}

TEST(Split, ACompanyClosureIsLikeAHoliday) {
  calendar::CalendarSpec spec;
  spec.closures.push_back({absl::CivilDay(2025, 8, 14), "Ponte di Ferragosto"});
  calendar::Calendar calendar = MakeCalendar(spec);
  Entry entry{kSad, Rome(2025, 8, 14, 10, 0), Rome(2025, 8, 14, 11, 0)};
  absl::StatusOr<TicketBill> bill = PriceTicket({entry}, {}, calendar);
  ASSERT_TRUE(bill.ok()) << bill.status();
  EXPECT_EQ(bill->entries[0].split.weekend_holiday, 60);
}

TEST(Split, AcrossTheAutumnDaylightSavingChangeCountsRealTime) {
  // Sat 2025-10-25 23:00 → Sun 03:00 civil is 5 real hours (02:00–03:00
  // happens twice): 60 min Saturday + 240 min Sunday, all at +100%.
  Entry entry{kSad, Rome(2025, 10, 25, 23, 0), Rome(2025, 10, 26, 3, 0)};
  PricedEntry e = Price({entry}).entries[0];
  EXPECT_EQ(e.billable_minutes, 300);
  EXPECT_EQ(e.split.weekend_holiday, 300);
  EXPECT_EQ(e.amount_cents, 60000);
}

TEST(Split, AcrossTheSpringDaylightSavingChangeCountsRealTime) {
  // Sun 2025-03-30 01:00 → 04:00 civil is 2 real hours.
  Entry entry{kSad, Rome(2025, 3, 30, 1, 0), Rome(2025, 3, 30, 4, 0)};
  PricedEntry e = Price({entry}).entries[0];
  EXPECT_EQ(e.billable_minutes, 120);
  EXPECT_EQ(e.amount_cents, 24000);
}

TEST(Split, TheDaylightSavingSundayEndsAtItsRealMidnight) {
  // Sun 2025-10-26 has 25 hours: 22:00 → Mon 02:00 is 2 h Sunday + 2 h Monday.
  Entry entry{kSad, Rome(2025, 10, 26, 22, 0), Rome(2025, 10, 27, 2, 0)};
  PricedEntry e = Price({entry}).entries[0];
  EXPECT_EQ(e.split.weekend_holiday, 120);
  EXPECT_EQ(e.split.out_of_hours, 120);
}

}  // namespace
}  // namespace helpdesk::billing
