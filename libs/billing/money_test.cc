#include "libs/billing/money.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace helpdesk::billing {
namespace {

TEST(PriceMinutes, SurchargesAreHalfAndDouble) {
  EXPECT_EQ(*PriceMinutes(6000, {60, 0, 0}), 6000);
  EXPECT_EQ(*PriceMinutes(6000, {0, 60, 0}), 9000);
  EXPECT_EQ(*PriceMinutes(6000, {0, 0, 60}), 12000);
  EXPECT_EQ(*PriceMinutes(6000, {30, 30, 0}), 7500);
}

TEST(PriceMinutes, RoundsHalfUpOnce) {
  EXPECT_EQ(*PriceMinutes(1, {30, 0, 0}), 1);     // 0.5
  EXPECT_EQ(*PriceMinutes(1, {29, 0, 0}), 0);     // 0.483…
  EXPECT_EQ(*PriceMinutes(1, {90, 0, 0}), 2);     // 1.5
  EXPECT_EQ(*PriceMinutes(1, {10, 10, 10}), 1);   // (10 + 15 + 20)/60 = 0.75
  EXPECT_EQ(*PriceMinutes(3333, {1, 0, 0}), 56);  // 55.55
}

TEST(PriceMinutes, RefusesNegativesAndOverflow) {
  EXPECT_FALSE(PriceMinutes(-1, {1, 0, 0}).ok());
  EXPECT_FALSE(PriceMinutes(1, {-1, 0, 0}).ok());
  EXPECT_EQ(PriceMinutes(INT64_MAX, {0, 0, 60}).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(FormatEuros, TwoDecimals) {
  EXPECT_EQ(FormatEuros(7500), "75.00");
  EXPECT_EQ(FormatEuros(5), "0.05");
  EXPECT_EQ(FormatEuros(0), "0.00");
  EXPECT_EQ(FormatEuros(123456789), "1234567.89");
  EXPECT_EQ(FormatEuros(-120), "-1.20");
  EXPECT_EQ(FormatEuros(INT64_MIN), "-92233720368547758.08");
}

TEST(ParseEuros, AcceptsWholeAndDecimalAmounts) {
  EXPECT_EQ(*ParseEuros("60", "rate"), 6000);
  EXPECT_EQ(*ParseEuros("60.5", "rate"), 6050);
  EXPECT_EQ(*ParseEuros("60.05", "rate"), 6005);
  EXPECT_EQ(*ParseEuros("0", "rate"), 0);
}

TEST(ParseEuros, RefusesEverythingElseNamingTheField) {
  for (const char* bad :
       {"", "-1", "+1", "1,50", "1.505", "1.", ".5", "abc", "1e3", "1 000", "1234567890123456"}) {
    absl::StatusOr<int64_t> parsed = ParseEuros(bad, "--hourly-rate");
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_THAT(parsed.status().message(), ::testing::HasSubstr("--hourly-rate")) << bad;
  }
}

}  // namespace
}  // namespace helpdesk::billing
