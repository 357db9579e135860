// Helpers shared by the pricing tests: entries on Tuesday 2025-06-17 in
// Europe/Rome, priced with the default calendar.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "libs/billing/pricing.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::billing::testing {

using calendar::testing::DefaultCalendar;
using calendar::testing::Rome;

constexpr ServiceType kSat = ServiceType::kSat;
constexpr ServiceType kSta = ServiceType::kSta;
constexpr ServiceType kSad = ServiceType::kSad;

// An entry on Tue 2025-06-17 from h:m lasting `minutes`.
inline Entry Tuesday(ServiceType type, int hour, int minute, int minutes, bool on_site = false) {
  absl::Time start = Rome(2025, 6, 17, hour, minute);
  return {type, start, start + absl::Minutes(minutes), on_site};
}

inline TicketBill Price(const std::vector<Entry>& entries, PricingOptions options = {}) {
  absl::StatusOr<TicketBill> bill = PriceTicket(entries, options, DefaultCalendar());
  EXPECT_TRUE(bill.ok()) << bill.status();
  return bill.ok() ? *bill : TicketBill{};
}

inline absl::Status Refusal(const std::vector<Entry>& entries, PricingOptions options = {}) {
  return PriceTicket(entries, options, DefaultCalendar()).status();
}

}  // namespace helpdesk::billing::testing
