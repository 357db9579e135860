#include "tools/helpdeskctl/output.h"

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <gtest/gtest.h>

#include "helpdesk/ticket/v1/ticket.pb.h"

namespace helpdesk::helpdeskctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Table, AlignsColumnsByCharactersNotBytes) {
  Table table({"CODE", "NAME"});
  table.AddRow({"HYPERGEST.CONTABILITA", "Contabilità"});
  table.AddRow({"X", "Iva"});
  EXPECT_EQ(table.Render(),
            "CODE                   NAME\n"
            "HYPERGEST.CONTABILITA  Contabilità\n"
            "X                      Iva\n");
}

TEST(Table, CellsAreOneLineAndMissingCellsEmpty) {
  Table table({"A", "B", "C"});
  table.AddRow({"two\nlines", "tab\there"});
  EXPECT_EQ(table.Render(), "A          B         C\ntwo lines  tab here\n");
}

TEST(KeyValues, AlignsAndSkipsEmptyValues) {
  EXPECT_EQ(KeyValues({{"Number", "#000221"}, {"Assignee", ""}, {"Subject", "Stampa"}}),
            "Number:   #000221\nSubject:  Stampa\n");
}

TEST(OneLine, CutsLongTextWithAnEllipsis) {
  EXPECT_EQ(OneLine("abcdef", 4), "abc…");
  EXPECT_EQ(OneLine("abcd", 4), "abcd");
  EXPECT_EQ(OneLine("àèìòùé", 3), "àè…");
  EXPECT_EQ(DisplayWidth("àèì"), 3u);
}

TEST(FormatInstant, LocalMinutes) {
  absl::TimeZone rome;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Rome", &rome));
  EXPECT_EQ(FormatInstant(absl::FromUnixSeconds(1750147200), rome), "2025-06-17 10:00");
  google::protobuf::Timestamp ts;
  EXPECT_EQ(FormatTimestamp(ts, false, rome), "");
  SetTimestamp(absl::FromUnixSeconds(1750147200) + absl::Milliseconds(5), &ts);
  EXPECT_EQ(ts.seconds(), 1750147200);
  EXPECT_EQ(ts.nanos(), 5000000);
  EXPECT_EQ(TimeOf(ts), absl::FromUnixSeconds(1750147200) + absl::Milliseconds(5));
}

TEST(ToJson, LowerCamelCaseEnumNamesAndZeroValues) {
  ticket::v1::Ticket ticket;
  ticket.set_number("#000221");
  ticket.set_company_id("co-1");
  ticket.set_priority(ticket::v1::Ticket::HIGH);
  absl::StatusOr<std::string> json = ToJson(ticket);
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr("\"number\": \"#000221\""));
  EXPECT_THAT(*json, HasSubstr("\"companyId\": \"co-1\""));
  EXPECT_THAT(*json, HasSubstr("\"priority\": \"HIGH\""));
  EXPECT_THAT(*json, HasSubstr("\"progressive\": 0"));
  EXPECT_THAT(*json, HasSubstr("\"urgentOnSite\": false"));
  EXPECT_THAT(*json, HasSubstr("\"status\": \"STATUS_UNSPECIFIED\""));
  EXPECT_THAT(*json, Not(HasSubstr("company_id")));
  EXPECT_THAT(*json, Not(HasSubstr("assignee")));  // an absent message stays absent
  EXPECT_EQ(json->back(), '\n');
}

TEST(ToJson, MoneyIsAnInt64String) {
  ticket::v1::BillingReport report;
  report.set_total_cents(7500);
  EXPECT_THAT(*ToJson(report), HasSubstr("\"totalCents\": \"7500\""));
  absl::StatusOr<google::protobuf::Value> value = ToJsonValue(report);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->struct_value().fields().at("totalCents").string_value(), "7500");
  EXPECT_TRUE(value->struct_value().fields().at("tickets").has_list_value());
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
