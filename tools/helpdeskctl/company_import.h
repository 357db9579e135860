// Reading a CSV file of companies for `companies import`: one company per
// record, the first record the header naming the columns (any order):
//
//   name,vatNumber,notificationEmail,language,hourlyRate,urgentCallFee,calendar
//   "Uno S.r.l.",02345678904,it@uno.example,it,60.00,,
//
// name and vatNumber are required columns; the others optional. Fields
// follow RFC 4180 (double quotes around fields with commas, quotes or line
// breaks, "" for a quote); ';' separates instead of ',' when the header has
// semicolons and no commas (a spreadsheet's export in Italian). Blank lines
// are skipped. A bad header is an error for the whole file; a bad record is
// reported with its line number and the others are still read.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "helpdesk/identity/v1/identity.pb.h"

namespace helpdesk::helpdeskctl {

struct CompanyImportRow {
  int line = 0;  // where the record starts, 1-based
  identity::v1::CreateCompanyRequest request;
};

struct CompanyImportError {
  int line = 0;
  std::string name;  // as far as it could be read
  std::string vat_number;
  std::string reason;
};

struct CompanyImport {
  std::vector<CompanyImportRow> rows;
  std::vector<CompanyImportError> errors;
};

// What became of one record: created (with the company's id) or not (why).
struct CompanyImportResult {
  int line = 0;
  std::string name;
  std::string vat_number;
  bool created = false;
  std::string company_id;
  std::string reason;
};

// LINE, NAME, VAT NUMBER, RESULT ("created" or "error: …"), ID; then
// "N created, M failed".
std::string ImportReportTable(const std::vector<CompanyImportResult>& results);

// INVALID_ARGUMENT for an empty file, a header without name or vatNumber or
// with an unknown or repeated column, or an unterminated quote.
absl::StatusOr<CompanyImport> ParseCompaniesCsv(absl::string_view text);

}  // namespace helpdesk::helpdeskctl
