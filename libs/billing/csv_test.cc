#include "libs/billing/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "libs/calendar/test_support.h"

namespace helpdesk::billing {
namespace {

using calendar::testing::DefaultCalendar;
using calendar::testing::Rome;
using calendar::testing::RomeZone;

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

TEST(CsvLine, EndsWithCrLf) { EXPECT_EQ(CsvLine({"a", "b,c", ""}), "a,\"b,c\",\r\n"); }

ReportEntry Priced(ServiceType type, absl::Time start, absl::Time end, bool on_site,
                   std::string consultant, std::string description) {
  ReportEntry e;
  e.entry = {type, start, end, on_site};
  e.consultant = std::move(consultant);
  e.description = std::move(description);
  absl::StatusOr<TicketBill> bill = PriceTicket({e.entry}, {}, DefaultCalendar());
  EXPECT_TRUE(bill.ok());
  e.priced = bill->entries[0];
  return e;
}

TEST(BillingReportCsv, HeaderThenARowPerEntryThenTheFee) {
  ReportTicket first;
  first.number = "#000221";
  first.entries.push_back(Priced(ServiceType::kSad, Rome(2025, 6, 17, 18, 0),
                                 Rome(2025, 6, 17, 19, 0), false, "Mario Rossi",
                                 "Aggiornamento, \"urgente\""));
  first.entries.push_back(Priced(ServiceType::kSad, Rome(2025, 6, 21, 10, 0),
                                 Rome(2025, 6, 21, 12, 0), true, "Anna Bianchi", "Riga 1\nRiga 2"));
  first.urgent_call_fee_cents = 5000;
  ReportTicket second;
  second.number = "#000222";
  second.entries.push_back(Priced(ServiceType::kSat, Rome(2025, 6, 17, 10, 0),
                                  Rome(2025, 6, 17, 10, 10), false, "Mario Rossi", "=HYPERLINK()"));

  const std::string csv = BillingReportCsv({first, second}, RomeZone());
  std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  ASSERT_EQ(lines.size(), 6u) << csv;  // header, 2 entries, fee, 1 entry, "" after the last CRLF
  EXPECT_EQ(lines[0],
            "ticket,service_type,start,end,on_site,consultant,description,included_minutes,"
            "billable_minutes,normal_minutes,out_of_hours_minutes,weekend_holiday_minutes,amount");
  EXPECT_EQ(lines[1],
            "#000221,SAD,2025-06-17T18:00:00+02:00,2025-06-17T19:00:00+02:00,no,Mario Rossi,"
            "\"Aggiornamento, \"\"urgente\"\"\",0,60,30,30,0,75.00");
  EXPECT_EQ(lines[2],
            "#000221,SAD,2025-06-21T10:00:00+02:00,2025-06-21T12:00:00+02:00,yes,Anna Bianchi,"
            "\"Riga 1\nRiga 2\",0,240,0,0,240,480.00");
  EXPECT_EQ(lines[3], "#000221,URGENT_CALL_FEE,,,,,,,,,,,50.00");
  EXPECT_EQ(lines[4],
            "#000222,SAT,2025-06-17T10:00:00+02:00,2025-06-17T10:10:00+02:00,no,Mario Rossi,"
            "'=HYPERLINK(),10,0,0,0,0,0.00");
  EXPECT_EQ(lines[5], "");
}

TEST(BillingReportCsv, AnEmptyReportIsTheHeader) {
  EXPECT_EQ(BillingReportCsv({}, RomeZone()), CsvLine(BillingCsvHeader()));
}

TEST(BillingReportCsv, WinterTimesCarryTheirOffset) {
  ReportTicket ticket;
  ticket.number = "#000001";
  ticket.entries.push_back(
      Priced(ServiceType::kSad, Rome(2025, 12, 2, 9, 0), Rome(2025, 12, 2, 10, 0), false, "X", ""));
  EXPECT_THAT(BillingReportCsv({ticket}, RomeZone()),
              ::testing::HasSubstr(",2025-12-02T09:00:00+01:00,2025-12-02T10:00:00+01:00,"));
}

}  // namespace
}  // namespace helpdesk::billing
