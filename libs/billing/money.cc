#include "libs/billing/money.h"

#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace helpdesk::billing {

absl::StatusOr<int64_t> PriceMinutes(int64_t hourly_rate_cents, const MinuteSplit& minutes) {
  if (hourly_rate_cents < 0 || minutes.normal < 0 || minutes.out_of_hours < 0 ||
      minutes.weekend_holiday < 0) {
    return absl::InvalidArgumentError("a rate and minutes must not be negative");
  }
  // In half-minute-rate units: normal ×2, +50% ×3, +100% ×4, over 60 min × 2.
  const __int128 weighted = static_cast<__int128>(minutes.normal) * 2 +
                            static_cast<__int128>(minutes.out_of_hours) * 3 +
                            static_cast<__int128>(minutes.weekend_holiday) * 4;
  const __int128 numerator = weighted * hourly_rate_cents;
  constexpr __int128 kDenominator = 120;
  const __int128 cents = (numerator + kDenominator / 2) / kDenominator;  // half up, non-negative
  if (cents > INT64_MAX) return absl::OutOfRangeError("amount: too large");
  return static_cast<int64_t>(cents);
}

std::string FormatEuros(int64_t cents) {
  // Unsigned arithmetic so that INT64_MIN has a magnitude too.
  const bool negative = cents < 0;
  const uint64_t magnitude = negative ? static_cast<uint64_t>(0) - static_cast<uint64_t>(cents)
                                      : static_cast<uint64_t>(cents);
  return absl::StrFormat("%s%u.%02u", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

absl::StatusOr<int64_t> ParseEuros(absl::string_view text, absl::string_view field) {
  const absl::Status bad = absl::InvalidArgumentError(
      absl::StrCat(field, ": not an amount in euros (like 60 or 60.50)"));
  const size_t dot = text.find('.');
  const absl::string_view whole = text.substr(0, dot);
  const absl::string_view fraction =
      dot == absl::string_view::npos ? absl::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 15) return bad;
  if (dot != absl::string_view::npos && (fraction.empty() || fraction.size() > 2)) return bad;
  int64_t cents = 0;
  for (char c : whole) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return bad;
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return bad;
    cents += (c - '0') * (i == 0 ? 10 : 1);
  }
  return cents;
}

}  // namespace helpdesk::billing
