// Prices a ticket's work by SPEC §5 "Pricing, precisely": the 15-minute
// allowance for S.A.T. and S.T.A., the S.A.D. minimums, rounding up to the
// billing increment, the split into normal time, out of hours (+50%) and
// weekends and holidays (+100%) by the business calendar, exact amounts
// rounded to the cent once per entry, and the urgent-call fee once per
// ticket. Pure: no I/O, no clock; safe from any number of threads.
//
//   std::vector<billing::Entry> entries = {
//       {billing::ServiceType::kSad, Rome(2025, 6, 17, 18, 0), Rome(2025, 6, 17, 19, 0)}};
//   billing::PricingOptions options;           // 60.00/h, 15-minute increment
//   HELPDESK_ASSIGN_OR_RETURN(billing::TicketBill bill,
//                             billing::PriceTicket(entries, options, rome));
//   bill.entries[0].split;                     // 30 normal + 30 out of hours
//   bill.total_cents;                          // 7500
//
// The rules, in order, for each ticket:
//  1. If the S.A.T. and S.T.A. entries add up to at most the allowance (15
//     min) they are all included (0.00); otherwise all of them are billable
//     for their whole time.
//  2. An S.A.D. entry is billed for at least 1 h remote or 4 h on-site.
//  3. Each billable duration is rounded up to the increment (after 2).
//  4. The entry is priced as if it ran from its start for the billable
//     duration (minimums and rounding extend it at its end); that interval is
//     split by time_split.h.
//  5. amount = rate × (normal + 1.5 × out of hours + 2 × weekend) / 60 min,
//     exact, rounded half up to the cent once per entry; the urgent-call fee
//     is added once when the ticket is an urgent on-site request.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/billing/money.h"
#include "libs/calendar/calendar.h"

namespace helpdesk::billing {

// The values match helpdesk.ticket.v1.WorkLogEntry.ServiceType.
enum class ServiceType {
  kUnspecified = 0,
  kSat = 1,  // S.A.T.: first-level help desk, written answer or phone
  kSta = 2,  // S.T.A.: second level, remote session
  kSad = 3,  // S.A.D.: direct assistance / consulting, remote or on-site
};

// "SAT", "STA", "SAD" ("" for kUnspecified).
absl::string_view ServiceTypeName(ServiceType type);
// "SAT"/"sat" … → the type; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<ServiceType> ParseServiceType(absl::string_view text, absl::string_view field);

// One work-log entry. Start and end are whole minutes (a work log is kept
// to the minute).
struct Entry {
  ServiceType service_type = ServiceType::kUnspecified;
  absl::Time start;
  absl::Time end;
  bool on_site = false;
};

struct PricingOptions {
  int64_t hourly_rate_cents = 6000;
  // Whole minutes, at least one; billable durations are rounded up to it.
  absl::Duration increment = absl::Minutes(15);
  // What S.A.T. + S.T.A. may add up to and still be included.
  absl::Duration included_allowance = absl::Minutes(15);
  absl::Duration sad_remote_minimum = absl::Hours(1);
  absl::Duration sad_on_site_minimum = absl::Hours(4);
  // National holidays (and other days the calendar closes) at +100% like
  // Sunday; when false, at +50% as time outside working hours.
  bool holidays_like_sunday = true;
  // The ticket is an urgent on-site request: the fee is added once.
  bool urgent_on_site = false;
  int64_t urgent_call_fee_cents = 0;
};

struct PricedEntry {
  int64_t included_minutes = 0;  // the whole entry when inside the allowance
  int64_t billable_minutes = 0;  // after minimums and rounding
  MinuteSplit split;             // of the billable minutes
  int64_t amount_cents = 0;
  // The interval priced: [start, billed_end), billed_end = start + billable.
  absl::Time billed_end;
};

struct TicketBill {
  std::vector<PricedEntry> entries;  // in the order given
  int64_t urgent_call_fee_cents = 0;
  int64_t total_cents = 0;  // the entries' amounts and the fee
};

// The longest entry accepted (a work log entry is an activity, not a month).
inline constexpr absl::Duration kMaxEntryDuration = absl::Hours(24 * 31);

// Prices the entries of one ticket. INVALID_ARGUMENT naming the field, in
// the API's JSON names: `entries[i].serviceType` (unspecified),
// `entries[i].start` / `entries[i].end` (missing or not a whole minute),
// `entries[i].end` (not after start, or longer than kMaxEntryDuration),
// `entries[i].onSite` (on-site with S.A.T. or S.T.A.), `hourlyRateCents`,
// `urgentCallFeeCents` (negative), `increment` (not whole minutes ≥ 1);
// OUT_OF_RANGE when an amount does not fit in int64 cents.
absl::StatusOr<TicketBill> PriceTicket(const std::vector<Entry>& entries,
                                       const PricingOptions& options,
                                       const calendar::Calendar& calendar);

}  // namespace helpdesk::billing
