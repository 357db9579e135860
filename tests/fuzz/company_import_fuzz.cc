// The CSV parser of `helpdeskctl companies import`
// (tools/helpdeskctl/company_import.h), which reads files that come from
// customers' spreadsheets.
//
// Invariants: every record after the header is either a row or an error,
// in file order (increasing line numbers, within the file); an accepted row
// has a name and a VAT number and is a request the identity service can
// parse (UTF-8 strings); and the accepted rows, written back as
// RFC 4180 CSV, read again as the same requests.
//
// Input: the file.
#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "libs/billing/money.h"
#include "tests/fuzz/fuzz_support.h"
#include "tools/helpdeskctl/company_import.h"

namespace {

std::string Quote(const std::string& field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string WriteCsv(const helpdesk::helpdeskctl::CompanyImport& parsed) {
  std::string csv =
      "name,vatNumber,notificationEmail,language,hourlyRate,urgentCallFee,calendar\r\n";
  for (const auto& row : parsed.rows) {
    const auto& r = row.request;
    std::string rate, fee, calendar;
    if (r.has_contract()) {
      rate = helpdesk::billing::FormatEuros(r.contract().hourly_rate_cents());
      if (r.contract().urgent_call_fee_cents() != 0) {
        fee = helpdesk::billing::FormatEuros(r.contract().urgent_call_fee_cents());
      }
      calendar = r.contract().calendar();
    }
    absl::StrAppend(&csv, Quote(r.name()), ",", Quote(r.vat_number()), ",",
                    Quote(r.notification_email()), ",", Quote(r.language()), ",", Quote(rate), ",",
                    Quote(fee), ",", Quote(calendar), "\r\n");
  }
  return csv;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // a refused UTF-8 string is checked, not logged
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  std::string_view text = fuzz::AsText(data, size);
  absl::StatusOr<helpdeskctl::CompanyImport> parsed =
      helpdeskctl::ParseCompaniesCsv(absl::string_view(text.data(), text.size()));
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  int previous = 1;  // the header's line
  size_t r = 0, e = 0;
  while (r < parsed->rows.size() || e < parsed->errors.size()) {
    bool take_row = e == parsed->errors.size() ||
                    (r < parsed->rows.size() && parsed->rows[r].line < parsed->errors[e].line);
    int line = take_row ? parsed->rows[r++].line : parsed->errors[e++].line;
    FUZZ_CHECK(line > previous && line <= lines);
    previous = line;
  }
  for (const auto& row : parsed->rows) {
    FUZZ_CHECK(!row.request.name().empty() && !row.request.vat_number().empty());
    // The identity service can parse the request (its strings are UTF-8).
    identity::v1::CreateCompanyRequest received;
    FUZZ_CHECK(received.ParseFromString(row.request.SerializeAsString()));
  }

  std::string csv = WriteCsv(*parsed);
  absl::StatusOr<helpdeskctl::CompanyImport> again = helpdeskctl::ParseCompaniesCsv(csv);
  FUZZ_CHECK(again.ok() && again->errors.empty() && again->rows.size() == parsed->rows.size());
  for (size_t i = 0; i < parsed->rows.size(); ++i) {
    FUZZ_CHECK(again->rows[i].request.SerializeAsString() ==
               parsed->rows[i].request.SerializeAsString());
  }
  return 0;
}
