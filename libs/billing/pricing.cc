#include "libs/billing/pricing.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/billing/time_split.h"
#include "libs/status/status_macros.h"

namespace helpdesk::billing {
namespace {

bool IsWholeMinute(absl::Time t) {
  return t != absl::InfinitePast() && t != absl::InfiniteFuture() &&
         (t - absl::UnixEpoch()) % absl::Minutes(1) == absl::ZeroDuration();
}

bool IsWholeMinutes(absl::Duration d) { return d % absl::Minutes(1) == absl::ZeroDuration(); }

bool IsSatOrSta(ServiceType type) { return type == ServiceType::kSat || type == ServiceType::kSta; }

absl::Status ValidateOptions(const PricingOptions& options) {
  if (options.hourly_rate_cents < 0) {
    return absl::InvalidArgumentError("hourlyRateCents: must not be negative");
  }
  if (options.urgent_call_fee_cents < 0) {
    return absl::InvalidArgumentError("urgentCallFeeCents: must not be negative");
  }
  if (options.increment < absl::Minutes(1) || options.increment > absl::Hours(24) ||
      !IsWholeMinutes(options.increment)) {
    return absl::InvalidArgumentError("increment: whole minutes, from 1 to 1440");
  }
  for (absl::Duration d :
       {options.included_allowance, options.sad_remote_minimum, options.sad_on_site_minimum}) {
    if (d < absl::ZeroDuration() || d > kMaxEntryDuration || !IsWholeMinutes(d)) {
      return absl::InvalidArgumentError(
          "allowance and minimums: whole minutes, not negative, at most 31 days");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEntry(const Entry& entry, size_t i) {
  const std::string at = absl::StrCat("entries[", i, "].");
  if (entry.service_type != ServiceType::kSat && entry.service_type != ServiceType::kSta &&
      entry.service_type != ServiceType::kSad) {
    return absl::InvalidArgumentError(absl::StrCat(at, "serviceType: must be SAT, STA or SAD"));
  }
  if (!IsWholeMinute(entry.start)) {
    return absl::InvalidArgumentError(absl::StrCat(at, "start: required, a whole minute"));
  }
  if (!IsWholeMinute(entry.end)) {
    return absl::InvalidArgumentError(absl::StrCat(at, "end: required, a whole minute"));
  }
  if (entry.end <= entry.start) {
    return absl::InvalidArgumentError(absl::StrCat(at, "end: must be after start"));
  }
  if (entry.end - entry.start > kMaxEntryDuration) {
    return absl::InvalidArgumentError(absl::StrCat(at, "end: an entry lasts at most 31 days"));
  }
  if (entry.on_site && entry.service_type != ServiceType::kSad) {
    return absl::InvalidArgumentError(absl::StrCat(at, "onSite: only an S.A.D. entry is on-site"));
  }
  return absl::OkStatus();
}

// Rule 3: d rounded up to a multiple of the increment.
absl::Duration RoundUp(absl::Duration d, absl::Duration increment) {
  absl::Duration remainder;
  const int64_t steps = absl::IDivDuration(d, increment, &remainder);
  return (remainder > absl::ZeroDuration() ? steps + 1 : steps) * increment;
}

}  // namespace

absl::string_view ServiceTypeName(ServiceType type) {
  switch (type) {
    case ServiceType::kSat:
      return "SAT";
    case ServiceType::kSta:
      return "STA";
    case ServiceType::kSad:
      return "SAD";
    case ServiceType::kUnspecified:
      break;
  }
  return "";
}

absl::StatusOr<ServiceType> ParseServiceType(absl::string_view text, absl::string_view field) {
  const std::string upper = absl::AsciiStrToUpper(text);
  for (ServiceType type : {ServiceType::kSat, ServiceType::kSta, ServiceType::kSad}) {
    if (upper == ServiceTypeName(type)) return type;
  }
  return absl::InvalidArgumentError(absl::StrCat(field, ": must be SAT, STA or SAD"));
}

absl::StatusOr<TicketBill> PriceTicket(const std::vector<Entry>& entries,
                                       const PricingOptions& options,
                                       const calendar::Calendar& calendar) {
  HELPDESK_RETURN_IF_ERROR(ValidateOptions(options));
  absl::Duration sat_sta = absl::ZeroDuration();
  for (size_t i = 0; i < entries.size(); ++i) {
    HELPDESK_RETURN_IF_ERROR(ValidateEntry(entries[i], i));
    if (IsSatOrSta(entries[i].service_type)) sat_sta += entries[i].end - entries[i].start;
  }
  // Rule 1: all S.A.T./S.T.A. included, or all billable.
  const bool sat_sta_included = sat_sta <= options.included_allowance;

  TicketBill bill;
  bill.entries.reserve(entries.size());
  __int128 total = 0;
  for (const Entry& entry : entries) {
    PricedEntry priced;
    const absl::Duration worked = entry.end - entry.start;
    priced.billed_end = entry.start;
    if (IsSatOrSta(entry.service_type) && sat_sta_included) {
      priced.included_minutes = absl::ToInt64Minutes(worked);
    } else {
      absl::Duration billable = worked;
      if (entry.service_type == ServiceType::kSad) {  // rule 2
        billable = std::max(
            billable, entry.on_site ? options.sad_on_site_minimum : options.sad_remote_minimum);
      }
      billable = RoundUp(billable, options.increment);  // rule 3
      priced.billable_minutes = absl::ToInt64Minutes(billable);
      priced.billed_end = entry.start + billable;  // rule 4
      priced.split =
          SplitInterval(calendar, entry.start, priced.billed_end, options.holidays_like_sunday);
      HELPDESK_ASSIGN_OR_RETURN(priced.amount_cents,
                                PriceMinutes(options.hourly_rate_cents, priced.split));  // rule 5
    }
    total += priced.amount_cents;
    bill.entries.push_back(priced);
  }
  if (options.urgent_on_site) bill.urgent_call_fee_cents = options.urgent_call_fee_cents;
  total += bill.urgent_call_fee_cents;
  if (total > INT64_MAX) return absl::OutOfRangeError("totalCents: too large");
  bill.total_cents = static_cast<int64_t>(total);
  return bill;
}

}  // namespace helpdesk::billing
