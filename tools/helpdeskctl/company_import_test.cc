// The CSV of companies import: header, quoting, separators, per-line errors
// with line numbers, and the report.
#include "tools/helpdeskctl/company_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace helpdesk::helpdeskctl {
namespace {

using ::testing::HasSubstr;

TEST(ParseCompaniesCsv, ReadsEveryColumnInAnyOrderWithQuotes) {
  absl::StatusOr<CompanyImport> parsed = ParseCompaniesCsv(
      "vatNumber,name,notificationEmail,language,hourlyRate,urgentCallFee,calendar\r\n"
      "02345678904,\"Uno, Due & \"\"Tre\"\" S.r.l.\",it@uno.example,EN,75.50,50,nord\r\n"
      "\n"
      "07654321012,Quattro S.p.A.,,,,,\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->errors.empty());
  ASSERT_EQ(parsed->rows.size(), 2u);
  const CompanyImportRow& uno = parsed->rows[0];
  EXPECT_EQ(uno.line, 2);
  EXPECT_EQ(uno.request.name(), "Uno, Due & \"Tre\" S.r.l.");
  EXPECT_EQ(uno.request.vat_number(), "02345678904");
  EXPECT_EQ(uno.request.notification_email(), "it@uno.example");
  EXPECT_EQ(uno.request.language(), "en");
  EXPECT_EQ(uno.request.contract().hourly_rate_cents(), 7550);
  EXPECT_EQ(uno.request.contract().urgent_call_fee_cents(), 5000);
  EXPECT_EQ(uno.request.contract().calendar(), "nord");
  EXPECT_EQ(parsed->rows[1].line, 4);  // the blank line is skipped, still counted
  EXPECT_FALSE(parsed->rows[1].request.has_contract());
}

TEST(ParseCompaniesCsv, SemicolonsAndLooseHeaderNames) {
  absl::StatusOr<CompanyImport> parsed =
      ParseCompaniesCsv("\xEF\xBB\xBFName;VAT number;hourly_rate\nUno S.r.l.;02345678904;60\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].request.name(), "Uno S.r.l.");
  EXPECT_EQ(parsed->rows[0].request.contract().hourly_rate_cents(), 6000);
}

TEST(ParseCompaniesCsv, BadLinesAreReportedWithLineAndReasonTheOthersKept) {
  absl::StatusOr<CompanyImport> parsed = ParseCompaniesCsv(
      "name,vatNumber,hourlyRate,language\n"
      "Uno S.r.l.,02345678904,60,it\n"
      "Due S.r.l.,07654321012,sessanta,it\n"
      ",11111111111,,\n"
      "Tre S.r.l.,22222222222\n"
      "\"Quattro\nS.r.l.\",33333333333,60,de\n"
      "Cinque S.r.l.,44444444444,,en\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->rows.size(), 2u);
  EXPECT_EQ(parsed->rows[0].line, 2);
  EXPECT_EQ(parsed->rows[1].line, 8);  // line 6's quoted line break counts
  ASSERT_EQ(parsed->errors.size(), 4u);
  EXPECT_EQ(parsed->errors[0].line, 3);
  EXPECT_EQ(parsed->errors[0].name, "Due S.r.l.");
  EXPECT_THAT(parsed->errors[0].reason, HasSubstr("hourlyRate"));
  EXPECT_EQ(parsed->errors[1].line, 4);
  EXPECT_EQ(parsed->errors[1].reason, "name: required");
  EXPECT_EQ(parsed->errors[2].line, 5);
  EXPECT_EQ(parsed->errors[2].reason, "2 fields where the header has 4");
  EXPECT_EQ(parsed->errors[3].line, 6);
  EXPECT_EQ(parsed->errors[3].reason, "language: must be it or en");
}

// Found by tests/fuzz (company_import): a Windows-1252 file was read as is,
// and the identity service could not parse the requests it made.
TEST(ParseCompaniesCsv, TextThatIsNotUtf8IsALineError) {
  absl::StatusOr<CompanyImport> parsed =
      ParseCompaniesCsv("name,vatNumber\nSociet\xE0 S.r.l.,02345678904\nSociet\xC3\xA0,1\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->errors.size(), 1u);
  EXPECT_EQ(parsed->errors[0].line, 2);
  EXPECT_THAT(parsed->errors[0].reason, HasSubstr("not UTF-8"));
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].request.name(), "Societ\xC3\xA0");
}

TEST(ParseCompaniesCsv, ABadHeaderRefusesTheFile) {
  EXPECT_THAT(ParseCompaniesCsv("").status().message(), HasSubstr("empty"));
  EXPECT_THAT(ParseCompaniesCsv("name,vat,colour\n").status().message(),
              HasSubstr("line 1: unknown column \"vat\""));
  EXPECT_THAT(ParseCompaniesCsv("name\nUno\n").status().message(),
              HasSubstr("needs the columns name and vatNumber"));
  EXPECT_THAT(ParseCompaniesCsv("name,name,vatNumber\n").status().message(),
              HasSubstr("appears twice"));
  EXPECT_THAT(ParseCompaniesCsv("name,vatNumber\n\"Uno,02345678904\n").status().message(),
              HasSubstr("line 2: a quote is not closed"));
}

TEST(ImportReportTable, OneRowPerLineAndTheTotals) {
  const std::string table = ImportReportTable({
      {2, "Uno S.r.l.", "02345678904", true, "id-1", ""},
      {3, "Due S.r.l.", "07654321012", false, "", "vatNumber: already exists"},
  });
  EXPECT_THAT(table, HasSubstr("LINE  NAME        VAT NUMBER   RESULT"));
  EXPECT_THAT(table, HasSubstr("2     Uno S.r.l.  02345678904  created"));
  EXPECT_THAT(table, HasSubstr("3     Due S.r.l.  07654321012  error: vatNumber: already exists"));
  EXPECT_THAT(table, HasSubstr("1 created, 1 failed\n"));
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
