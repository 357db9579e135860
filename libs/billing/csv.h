// The billing report as CSV (RFC 4180): a header in English, one row per
// work-log entry, and one row per urgent on-site ticket for its urgent-call
// fee, so that the `amount` column adds up to the report's total. Amounts
// are decimal euros ("75.00"); instants are RFC 3339 in the calendar's zone
// ("2025-06-17T18:00:00+02:00"); lines end with CRLF.
//
//   std::vector<billing::ReportTicket> tickets = …;   // from the priced work log
//   std::string csv = billing::BillingReportCsv(tickets, rome.time_zone());
//
// Free text (consultant, description) that a spreadsheet would run as a
// formula (starting with = + - @ or a tab/CR) is prefixed with an apostrophe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/billing/pricing.h"

namespace helpdesk::billing {

struct ReportEntry {
  Entry entry;
  std::string consultant;  // display name
  std::string description;
  PricedEntry priced;
};

struct ReportTicket {
  std::string number;  // "#000221"
  std::vector<ReportEntry> entries;
  int64_t urgent_call_fee_cents = 0;  // > 0: a fee row follows the entries
};

// The header's columns, in order.
const std::vector<std::string>& BillingCsvHeader();

std::string BillingReportCsv(const std::vector<ReportTicket>& tickets, const absl::TimeZone& zone);

// One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
std::string CsvField(absl::string_view value);
// Fields joined by commas, ended by CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace helpdesk::billing
