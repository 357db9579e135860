// Money as integer cents, and its decimal form for people and files.
//
//   int64_t cents = PriceMinutes(6000, {.normal = 30, .out_of_hours = 30});  // 7500
//   FormatEuros(7500);                          // "75.00"
//   HELPDESK_ASSIGN_OR_RETURN(int64_t rate, ParseEuros("60.00", "--hourly-rate"));
//
// Amounts are exact: cents × minutes × surcharge in integers, divided once and
// rounded half up (SPEC §5 rule 5). Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace helpdesk::billing {

// Minutes of an entry by surcharge class (SPEC §5 rule 4).
struct MinuteSplit {
  int64_t normal = 0;           // working time of a working day, at the hourly rate
  int64_t out_of_hours = 0;     // other time of a working day, +50%
  int64_t weekend_holiday = 0;  // Saturday, Sunday, holidays, +100%

  int64_t total() const { return normal + out_of_hours + weekend_holiday; }
};

// The hourly rate applied to the split: rate/60 per normal minute, ×1.5 out
// of hours, ×2 on weekends and holidays, rounded to the cent once, half up.
// Arguments must be non-negative; OUT_OF_RANGE if the amount does not fit
// in int64 cents.
absl::StatusOr<int64_t> PriceMinutes(int64_t hourly_rate_cents, const MinuteSplit& minutes);

// 7500 → "75.00", 5 → "0.05", -120 → "-1.20". No thousands separator.
std::string FormatEuros(int64_t cents);

// "60", "60.5", "60.50", "1234.56" → cents. INVALID_ARGUMENT naming `field`
// for anything else: a sign, more than two decimals, a comma, an empty
// string, or more than 10^15 euros.
absl::StatusOr<int64_t> ParseEuros(absl::string_view text, absl::string_view field);

}  // namespace helpdesk::billing
