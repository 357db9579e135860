// Every worked example of SPEC §5: hourly rate 60.00 EUR, increment 15
// minutes, each entry the only one on its ticket, Europe/Rome. Tuesday is
// 2025-06-17, Saturday 2025-06-21.
#include <gtest/gtest.h>

#include "libs/billing/pricing.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::billing {
namespace {

using calendar::testing::DefaultCalendar;
using calendar::testing::Rome;

PricedEntry PriceAlone(ServiceType type, absl::Time start, absl::Time end, bool on_site = false) {
  PricingOptions options;
  options.hourly_rate_cents = 6000;
  absl::StatusOr<TicketBill> bill =
      PriceTicket({{type, start, end, on_site}}, options, DefaultCalendar());
  EXPECT_TRUE(bill.ok()) << bill.status();
  if (!bill.ok()) return {};
  EXPECT_EQ(bill->entries.size(), 1u);
  EXPECT_EQ(bill->total_cents, bill->entries[0].amount_cents);
  return bill->entries[0];
}

TEST(SpecExamples, SatTenMinutesIsIncluded) {
  PricedEntry e =
      PriceAlone(ServiceType::kSat, Rome(2025, 6, 17, 10, 0), Rome(2025, 6, 17, 10, 10));
  EXPECT_EQ(e.included_minutes, 10);
  EXPECT_EQ(e.billable_minutes, 0);
  EXPECT_EQ(e.amount_cents, 0);
}

TEST(SpecExamples, StaTwentyFiveMinutesIsBilledAsThirty) {
  PricedEntry e =
      PriceAlone(ServiceType::kSta, Rome(2025, 6, 17, 10, 0), Rome(2025, 6, 17, 10, 25));
  EXPECT_EQ(e.included_minutes, 0);
  EXPECT_EQ(e.billable_minutes, 30);
  EXPECT_EQ(e.split.normal, 30);
  EXPECT_EQ(e.amount_cents, 3000);
}

TEST(SpecExamples, SadRemoteFortyMinutesIsBilledTheOneHourMinimum) {
  PricedEntry e =
      PriceAlone(ServiceType::kSad, Rome(2025, 6, 17, 10, 0), Rome(2025, 6, 17, 10, 40));
  EXPECT_EQ(e.billable_minutes, 60);
  EXPECT_EQ(e.split.normal, 60);
  EXPECT_EQ(e.amount_cents, 6000);
}

TEST(SpecExamples, SadOnSiteThreeHoursIsBilledTheFourHourMinimum) {
  PricedEntry e = PriceAlone(ServiceType::kSad, Rome(2025, 6, 17, 9, 0), Rome(2025, 6, 17, 12, 0),
                             /*on_site=*/true);
  EXPECT_EQ(e.billable_minutes, 240);
  // 09:00–13:00 is all working time.
  EXPECT_EQ(e.split.normal, 240);
  EXPECT_EQ(e.amount_cents, 24000);
}

TEST(SpecExamples, SadRemoteAcrossTheEveningIsHalfNormalHalfOutOfHours) {
  PricedEntry e = PriceAlone(ServiceType::kSad, Rome(2025, 6, 17, 18, 0), Rome(2025, 6, 17, 19, 0));
  EXPECT_EQ(e.billable_minutes, 60);
  EXPECT_EQ(e.split.normal, 30);
  EXPECT_EQ(e.split.out_of_hours, 30);
  EXPECT_EQ(e.split.weekend_holiday, 0);
  EXPECT_EQ(e.amount_cents, 3000 + 4500);
}

TEST(SpecExamples, SadRemoteOnSaturdayIsDoubled) {
  PricedEntry e = PriceAlone(ServiceType::kSad, Rome(2025, 6, 21, 10, 0), Rome(2025, 6, 21, 12, 0));
  EXPECT_EQ(e.billable_minutes, 120);
  EXPECT_EQ(e.split.weekend_holiday, 120);
  EXPECT_EQ(e.amount_cents, 24000);
}

}  // namespace
}  // namespace helpdesk::billing
