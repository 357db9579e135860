#include "libs/billing/csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace helpdesk::billing {
namespace {

constexpr char kUrgentCallFee[] = "URGENT_CALL_FEE";

// Defuses spreadsheet formulas in text that people typed.
std::string SafeText(absl::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return absl::StrCat("'", text);
  }
  return std::string(text);
}

std::string Instant(absl::Time t, const absl::TimeZone& zone) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", t, zone);
}

}  // namespace

const std::vector<std::string>& BillingCsvHeader() {
  static const std::vector<std::string>* header =
      new std::vector<std::string>{"ticket",
                                   "service_type",
                                   "start",
                                   "end",
                                   "on_site",
                                   "consultant",
                                   "description",
                                   "included_minutes",
                                   "billable_minutes",
                                   "normal_minutes",
                                   "out_of_hours_minutes",
                                   "weekend_holiday_minutes",
                                   "amount"};
  return *header;
}

std::string CsvField(absl::string_view value) {
  if (value.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(value);
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(fields[i]);
  }
  line += "\r\n";
  return line;
}

std::string BillingReportCsv(const std::vector<ReportTicket>& tickets, const absl::TimeZone& zone) {
  std::string csv = CsvLine(BillingCsvHeader());
  for (const ReportTicket& ticket : tickets) {
    for (const ReportEntry& e : ticket.entries) {
      csv += CsvLine(
          {ticket.number, std::string(ServiceTypeName(e.entry.service_type)),
           Instant(e.entry.start, zone), Instant(e.entry.end, zone), e.entry.on_site ? "yes" : "no",
           SafeText(e.consultant), SafeText(e.description), absl::StrCat(e.priced.included_minutes),
           absl::StrCat(e.priced.billable_minutes), absl::StrCat(e.priced.split.normal),
           absl::StrCat(e.priced.split.out_of_hours), absl::StrCat(e.priced.split.weekend_holiday),
           FormatEuros(e.priced.amount_cents)});
    }
    if (ticket.urgent_call_fee_cents > 0) {
      csv += CsvLine({ticket.number, kUrgentCallFee, "", "", "", "", "", "", "", "", "", "",
                      FormatEuros(ticket.urgent_call_fee_cents)});
    }
  }
  return csv;
}

}  // namespace helpdesk::billing
