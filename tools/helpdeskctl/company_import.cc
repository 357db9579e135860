#include "tools/helpdeskctl/company_import.h"

#include <cstdint>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/billing/money.h"
#include "tools/helpdeskctl/output.h"

namespace helpdesk::helpdeskctl {
namespace {

struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 records; line numbers count the line breaks inside quotes too.
absl::StatusOr<std::vector<Record>> SplitRecords(absl::string_view text, char separator) {
  std::vector<Record> records;
  Record record;
  std::string field;
  int line = 1;
  record.line = 1;
  bool quoted = false;
  bool was_quoted = false;
  int quote_line = 0;
  auto end_record = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !was_quoted;
    if (!blank) records.push_back(std::move(record));
    record = Record{};
    was_quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
      was_quoted = true;
      quote_line = line;
    } else if (c == separator) {
      record.fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the '\n' ends the record.
    } else if (c == '\n') {
      end_record();
      record.line = ++line;
    } else {
      field += c;
    }
  }
  if (quoted)
    return absl::InvalidArgumentError(absl::StrCat("line ", quote_line, ": a quote is not closed"));
  if (!field.empty() || !record.fields.empty() || was_quoted) end_record();
  return records;
}

enum Column { kName, kVat, kEmail, kLanguage, kHourlyRate, kUrgentFee, kCalendar };

const std::map<std::string, Column>& ColumnNames() {
  static const auto* names = new std::map<std::string, Column>{
      {"name", kName},         {"vatnumber", kVat},         {"notificationemail", kEmail},
      {"language", kLanguage}, {"hourlyrate", kHourlyRate}, {"urgentcallfee", kUrgentFee},
      {"calendar", kCalendar}};
  return *names;
}

// "vatNumber", "VAT number", "vat_number" → "vatnumber".
std::string Normalized(absl::string_view header) {
  std::string key;
  for (char c : header) {
    if (absl::ascii_isalnum(c)) key += absl::ascii_tolower(c);
  }
  return key;
}

std::string Trim(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// Whether `text` is UTF-8 as protobuf checks it (no overlong forms, no
// surrogates): a request with other bytes in a string field cannot be
// parsed by the server. Spreadsheets often export Windows-1252.
bool IsUtf8(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = text[i];
    const size_t n = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xe  ? 3
                     : (c >> 3) == 0x1e ? 4
                                        : 0;
    if (n == 0 || i + n > text.size()) return false;
    uint32_t code = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
    for (size_t k = 1; k < n; ++k) {
      const unsigned char cc = text[i + k];
      if ((cc & 0xc0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMin[n] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += n;
  }
  return true;
}

}  // namespace

absl::StatusOr<CompanyImport> ParseCompaniesCsv(absl::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
  const absl::string_view first_line = text.substr(0, text.find('\n'));
  const char separator = first_line.find(',') == absl::string_view::npos &&
                                 first_line.find(';') != absl::string_view::npos
                             ? ';'
                             : ',';
  absl::StatusOr<std::vector<Record>> records = SplitRecords(text, separator);
  if (!records.ok()) return records.status();
  if (records->empty()) return absl::InvalidArgumentError("the file is empty: no header line");

  const Record& header = records->front();
  std::vector<Column> columns;
  std::map<Column, bool> seen;
  for (const std::string& h : header.fields) {
    auto it = ColumnNames().find(Normalized(h));
    if (it == ColumnNames().end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", header.line, ": unknown column \"", Trim(h),
                       "\" (the columns: name, vatNumber, notificationEmail, language, hourlyRate, "
                       "urgentCallFee, calendar)"));
    }
    if (seen[it->second]) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", header.line, ": column \"", Trim(h), "\" appears twice"));
    }
    seen[it->second] = true;
    columns.push_back(it->second);
  }
  if (!seen[kName] || !seen[kVat]) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", header.line, ": the header needs the columns name and vatNumber"));
  }

  CompanyImport result;
  for (size_t r = 1; r < records->size(); ++r) {
    const Record& record = (*records)[r];
    CompanyImportRow row;
    row.line = record.line;
    std::vector<std::string> problems;
    std::string hourly_rate, urgent_fee, calendar;
    for (size_t i = 0; i < record.fields.size() && i < columns.size(); ++i) {
      const std::string value = Trim(record.fields[i]);
      switch (columns[i]) {
        case kName:
          row.request.set_name(value);
          break;
        case kVat:
          row.request.set_vat_number(value);
          break;
        case kEmail:
          row.request.set_notification_email(value);
          break;
        case kLanguage:
          row.request.set_language(absl::AsciiStrToLower(value));
          break;
        case kHourlyRate:
          hourly_rate = value;
          break;
        case kUrgentFee:
          urgent_fee = value;
          break;
        case kCalendar:
          calendar = value;
          break;
      }
    }
    for (size_t i = 0; i < record.fields.size() && i < columns.size(); ++i) {
      if (!IsUtf8(record.fields[i])) {
        problems.push_back("not UTF-8 text (save the file as \"CSV UTF-8\")");
        break;
      }
    }
    if (record.fields.size() != columns.size()) {
      problems.push_back(
          absl::StrCat(record.fields.size(), " fields where the header has ", columns.size()));
    }
    if (row.request.name().empty()) problems.push_back("name: required");
    if (row.request.vat_number().empty()) problems.push_back("vatNumber: required");
    const std::string& language = row.request.language();
    if (!language.empty() && language != "it" && language != "en") {
      problems.push_back("language: must be it or en");
    }
    if (!hourly_rate.empty() || !urgent_fee.empty() || !calendar.empty()) {
      identity::v1::Contract* contract = row.request.mutable_contract();
      contract->set_hourly_rate_cents(6000);  // SPEC §7's default, as companies create
      contract->set_calendar(calendar);
      if (!hourly_rate.empty()) {
        absl::StatusOr<int64_t> cents = billing::ParseEuros(hourly_rate, "hourlyRate");
        if (cents.ok()) {
          contract->set_hourly_rate_cents(*cents);
        } else {
          problems.push_back(std::string(cents.status().message()));
        }
      }
      if (!urgent_fee.empty()) {
        absl::StatusOr<int64_t> cents = billing::ParseEuros(urgent_fee, "urgentCallFee");
        if (cents.ok()) {
          contract->set_urgent_call_fee_cents(*cents);
        } else {
          problems.push_back(std::string(cents.status().message()));
        }
      }
    }
    if (problems.empty()) {
      result.rows.push_back(std::move(row));
    } else {
      result.errors.push_back(
          {row.line, row.request.name(), row.request.vat_number(), absl::StrJoin(problems, "; ")});
    }
  }
  return result;
}

std::string ImportReportTable(const std::vector<CompanyImportResult>& results) {
  Table table({"LINE", "NAME", "VAT NUMBER", "RESULT", "ID"});
  int created = 0;
  for (const CompanyImportResult& r : results) {
    if (r.created) ++created;
    table.AddRow({absl::StrCat(r.line), OneLine(r.name, 40), r.vat_number,
                  r.created ? "created" : absl::StrCat("error: ", r.reason), r.company_id});
  }
  std::string out = table.rows() == 0 ? "No companies in the file.\n" : table.Render();
  absl::StrAppend(&out, created, " created, ", results.size() - created, " failed\n");
  return out;
}

}  // namespace helpdesk::helpdeskctl
