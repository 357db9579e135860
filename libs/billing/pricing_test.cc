// The pricing rules beyond the worked examples: the allowance across
// entries, rounding, the urgent-call fee, rounding at the cent and refused
// input (the calendar's edges are in pricing_calendar_test.cc).
#include "libs/billing/pricing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/billing/pricing_test_support.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::billing {
namespace {

using calendar::testing::DefaultCalendar;
using calendar::testing::Rome;
using ::testing::HasSubstr;
using testing::kSad;
using testing::kSat;
using testing::kSta;
using testing::Price;
using testing::Refusal;
using testing::Tuesday;

TEST(Allowance, TenPlusFiveMinutesAreAllIncluded) {
  TicketBill bill = Price({Tuesday(kSat, 10, 0, 10), Tuesday(kSta, 11, 0, 5)});
  ASSERT_EQ(bill.entries.size(), 2u);
  EXPECT_EQ(bill.entries[0].included_minutes, 10);
  EXPECT_EQ(bill.entries[1].included_minutes, 5);
  EXPECT_EQ(bill.entries[0].billable_minutes + bill.entries[1].billable_minutes, 0);
  EXPECT_EQ(bill.total_cents, 0);
}

TEST(Allowance, TenPlusSixMinutesAreAllBillableEachRoundedUp) {
  TicketBill bill = Price({Tuesday(kSat, 10, 0, 10), Tuesday(kSta, 11, 0, 6)});
  ASSERT_EQ(bill.entries.size(), 2u);
  for (const PricedEntry& e : bill.entries) {
    EXPECT_EQ(e.included_minutes, 0);
    EXPECT_EQ(e.billable_minutes, 15);
    EXPECT_EQ(e.amount_cents, 1500);
  }
  EXPECT_EQ(bill.total_cents, 3000);
}

TEST(Allowance, ExactlyFifteenMinutesIsIncluded) {
  EXPECT_EQ(Price({Tuesday(kSta, 10, 0, 15)}).entries[0].included_minutes, 15);
  EXPECT_EQ(Price({Tuesday(kSta, 10, 0, 16)}).total_cents, 3000);  // 16 → 30 min
}

TEST(Allowance, SadEntriesNeitherUseNorSpendIt) {
  TicketBill bill = Price({Tuesday(kSat, 10, 0, 10), Tuesday(kSad, 11, 0, 60)});
  EXPECT_EQ(bill.entries[0].included_minutes, 10);
  EXPECT_EQ(bill.entries[0].amount_cents, 0);
  EXPECT_EQ(bill.entries[1].amount_cents, 6000);
  EXPECT_EQ(bill.total_cents, 6000);
}

TEST(Allowance, IsConfigurable) {
  PricingOptions options;
  options.included_allowance = absl::ZeroDuration();
  EXPECT_EQ(Price({Tuesday(kSat, 10, 0, 5)}, options).total_cents, 1500);
}

TEST(Rounding, AppliesAfterTheMinimum) {
  // On-site 4h05 from 09:00 → 4h15, to 13:15: 240 normal + 15 of the lunch
  // break at +50%.
  PricedEntry e = Price({Tuesday(kSad, 9, 0, 245, /*on_site=*/true)}).entries[0];
  EXPECT_EQ(e.billable_minutes, 255);
  EXPECT_EQ(e.split.normal, 240);
  EXPECT_EQ(e.split.out_of_hours, 15);
  EXPECT_EQ(e.amount_cents, 24000 + 1500 * 3 / 2);
}

TEST(Rounding, IncrementIsConfigurable) {
  PricingOptions options;
  options.increment = absl::Minutes(1);
  EXPECT_EQ(Price({Tuesday(kSta, 10, 0, 16)}, options).entries[0].billable_minutes, 16);
  options.increment = absl::Minutes(30);
  EXPECT_EQ(Price({Tuesday(kSad, 10, 0, 61)}, options).entries[0].billable_minutes, 90);
}

TEST(UrgentCallFee, IsAddedOncePerTicket) {
  PricingOptions options;
  options.urgent_on_site = true;
  options.urgent_call_fee_cents = 5000;
  TicketBill bill =
      Price({Tuesday(kSad, 9, 0, 240, true), Tuesday(kSad, 14, 30, 240, true)}, options);
  EXPECT_EQ(bill.urgent_call_fee_cents, 5000);
  EXPECT_EQ(bill.total_cents, 24000 + 24000 + 5000);
}

TEST(UrgentCallFee, IsNotChargedWhenTheTicketIsNotUrgent) {
  PricingOptions options;
  options.urgent_call_fee_cents = 5000;
  TicketBill bill = Price({Tuesday(kSad, 9, 0, 60)}, options);
  EXPECT_EQ(bill.urgent_call_fee_cents, 0);
  EXPECT_EQ(bill.total_cents, 6000);
}

TEST(Cents, RoundHalfUpOncePerEntry) {
  PricingOptions options;
  options.increment = absl::Minutes(1);
  options.sad_remote_minimum = absl::ZeroDuration();
  options.hourly_rate_cents = 1;  // 1 cent an hour
  // 30 min: 0.5 cent → 1; two such entries are 1 cent each (per entry).
  TicketBill bill = Price({Tuesday(kSad, 9, 0, 30), Tuesday(kSad, 10, 0, 30)}, options);
  EXPECT_EQ(bill.entries[0].amount_cents, 1);
  EXPECT_EQ(bill.total_cents, 2);
}

TEST(Cents, ExactBeforeRounding) {
  PricingOptions options;
  options.hourly_rate_cents = 6001;  // 15 min: 1500.25 → 1500
  EXPECT_EQ(Price({Tuesday(kSta, 10, 0, 16)}, options).total_cents, 3001);  // 30 min: 3000.5 → 3001
  options.hourly_rate_cents = 6002;  // 15 min: 1500.5 → 1501
  EXPECT_EQ(Price({Tuesday(kSat, 10, 0, 10), Tuesday(kSat, 11, 0, 10)}, options).total_cents,
            1501 + 1501);
  // +50%: 1 cent/h × 20 min × 1.5 = 0.5 cent → 1; ×1 would be 0.33 → 0.
  options.hourly_rate_cents = 1;
  options.increment = absl::Minutes(1);
  options.sad_remote_minimum = absl::ZeroDuration();
  EXPECT_EQ(Price({Tuesday(kSad, 19, 0, 20)}, options).total_cents, 1);
  EXPECT_EQ(Price({Tuesday(kSad, 10, 0, 20)}, options).total_cents, 0);
}

TEST(Cents, AZeroRateIsFree) {
  PricingOptions options;
  options.hourly_rate_cents = 0;
  EXPECT_EQ(Price({Tuesday(kSad, 10, 0, 60)}, options).total_cents, 0);
}

TEST(Refusals, EndNotAfterStartNamesTheEntry) {
  std::vector<Entry> entries = {Tuesday(kSat, 10, 0, 5), Tuesday(kSat, 11, 0, 5),
                                Tuesday(kSad, 12, 0, 0)};
  absl::Status status = Refusal(entries);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("entries[2].end"));
  entries[2].end = entries[2].start - absl::Minutes(5);
  EXPECT_THAT(Refusal(entries).message(), HasSubstr("entries[2].end"));
}

TEST(Refusals, OnSiteIsOnlyForSad) {
  absl::Status status = Refusal({Tuesday(kSat, 10, 0, 5, /*on_site=*/true)});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("entries[0].onSite"));
  EXPECT_THAT(Refusal({Tuesday(kSad, 9, 0, 5), Tuesday(kSta, 10, 0, 5, true)}).message(),
              HasSubstr("entries[1].onSite"));
}

TEST(Refusals, MissingServiceType) {
  EXPECT_THAT(Refusal({Tuesday(ServiceType::kUnspecified, 10, 0, 5)}).message(),
              HasSubstr("entries[0].serviceType"));
}

TEST(Refusals, SecondsAreNotAWorkLog) {
  Entry entry = Tuesday(kSad, 10, 0, 60);
  entry.start += absl::Seconds(30);
  EXPECT_THAT(Refusal({entry}).message(), HasSubstr("entries[0].start"));
  entry = Tuesday(kSad, 10, 0, 60);
  entry.end = absl::InfiniteFuture();
  EXPECT_THAT(Refusal({entry}).message(), HasSubstr("entries[0].end"));
}

TEST(Refusals, AnEntryLongerThanAMonth) {
  EXPECT_THAT(Refusal({Tuesday(kSad, 10, 0, 32 * 24 * 60)}).message(), HasSubstr("entries[0].end"));
}

TEST(Refusals, BadOptions) {
  PricingOptions options;
  options.hourly_rate_cents = -1;
  EXPECT_THAT(Refusal({}, options).message(), HasSubstr("hourlyRateCents"));
  options = {};
  options.urgent_call_fee_cents = -1;
  EXPECT_THAT(Refusal({}, options).message(), HasSubstr("urgentCallFeeCents"));
  options = {};
  options.increment = absl::ZeroDuration();
  EXPECT_THAT(Refusal({}, options).message(), HasSubstr("increment"));
  options.increment = absl::Seconds(90);
  EXPECT_THAT(Refusal({}, options).message(), HasSubstr("increment"));
}

TEST(Refusals, AnAmountBeyondInt64) {
  PricingOptions options;
  options.hourly_rate_cents = INT64_MAX;
  EXPECT_TRUE(PriceTicket({Tuesday(kSad, 10, 0, 60)}, options, DefaultCalendar()).ok());
  Entry saturday{kSad, Rome(2025, 6, 21, 10, 0), Rome(2025, 6, 21, 11, 0)};  // ×2
  EXPECT_EQ(Refusal({saturday}, options).code(), absl::StatusCode::kOutOfRange);
  options.hourly_rate_cents = INT64_MAX / 2;  // each entry fits, their sum does not
  EXPECT_EQ(Refusal({Tuesday(kSad, 9, 0, 60), Tuesday(kSad, 10, 0, 60), Tuesday(kSad, 11, 0, 60)},
                    options)
                .code(),
            absl::StatusCode::kOutOfRange);
}

TEST(Empty, ATicketWithoutEntriesCostsOnlyItsFee) {
  PricingOptions options;
  EXPECT_EQ(Price({}, options).total_cents, 0);
  options.urgent_on_site = true;
  options.urgent_call_fee_cents = 2500;
  EXPECT_EQ(Price({}, options).total_cents, 2500);
}

TEST(ServiceTypes, NamesRoundTrip) {
  for (ServiceType type : {kSat, kSta, kSad}) {
    absl::StatusOr<ServiceType> parsed = ParseServiceType(ServiceTypeName(type), "type");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, type);
  }
  EXPECT_EQ(*ParseServiceType("sad", "type"), kSad);
  EXPECT_THAT(ParseServiceType("S.A.D.", "serviceType").status().message(),
              HasSubstr("serviceType"));
}

}  // namespace
}  // namespace helpdesk::billing
