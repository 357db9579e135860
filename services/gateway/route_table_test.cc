#include "services/gateway/route_table.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace helpdesk::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::unique_ptr<RouteTable> MustLoad(const std::string& file) {
  absl::StatusOr<std::unique_ptr<RouteTable>> table = RouteTable::Load({file});
  EXPECT_TRUE(table.ok()) << table.status();
  return table.ok() ? *std::move(table) : nullptr;
}

std::string MethodOf(const RouteTable& table, std::string_view http_method, std::string_view path,
                     std::string_view accept = "") {
  RouteTable::Match m = table.Find(http_method, path, accept);
  return m.route == nullptr ? "" : m.route->method->full_name();
}

// The number of RPCs with a google.api.http option in the repository's
// protos, counted from the sources, independently of the descriptor set.
int HttpRulesInSources() {
  int count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(HELPDESK_PROTOS_DIR)) {
    if (entry.path().extension() != ".proto") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (size_t at = s.find("option (google.api.http)"); at != std::string::npos;
         at = s.find("option (google.api.http)", at + 1)) {
      ++count;
    }
  }
  return count;
}

TEST(RouteTableTest, HelpdeskDescriptorSetYieldsARouteForEveryHttpRule) {
  std::unique_ptr<RouteTable> table = MustLoad(HELPDESK_TEST_DESCRIPTOR_SET);
  ASSERT_NE(table, nullptr);
  std::set<std::string> methods;
  for (const auto& route : table->routes()) methods.insert(route->method->full_name());
  int rules = HttpRulesInSources();
  EXPECT_GT(rules, 30);
  EXPECT_EQ(static_cast<int>(methods.size()), rules);

  EXPECT_EQ(MethodOf(*table, "POST", "/v1/tickets/t-1:close"),
            "helpdesk.ticket.v1.TicketService.CloseTicket");
  EXPECT_EQ(MethodOf(*table, "POST", "/v1/tickets/t-1:take"),
            "helpdesk.ticket.v1.TicketService.TakeTicket");
  EXPECT_EQ(MethodOf(*table, "GET", "/v1/tickets/t-1"),
            "helpdesk.ticket.v1.TicketService.GetTicket");
  EXPECT_EQ(MethodOf(*table, "PATCH", "/v1/tickets/t-1"),
            "helpdesk.ticket.v1.TicketService.UpdateTicket");
  EXPECT_EQ(MethodOf(*table, "GET", "/v1/reports/billing"),
            "helpdesk.ticket.v1.TicketService.GetBillingReport");
  EXPECT_EQ(MethodOf(*table, "GET", "/v1/reports/billing", "text/csv"),
            "helpdesk.ticket.v1.TicketService.ExportBillingReport");
  EXPECT_EQ(MethodOf(*table, "GET", "/v1/reports/billing", "application/json"),
            "helpdesk.ticket.v1.TicketService.GetBillingReport");
  EXPECT_EQ(MethodOf(*table, "POST", "/v1/auth/password:change"),
            "helpdesk.identity.v1.IdentityService.ChangePassword");
  EXPECT_EQ(MethodOf(*table, "PATCH", "/v1/companies/c-1"),
            "helpdesk.identity.v1.IdentityService.UpdateCompany");
  EXPECT_EQ(MethodOf(*table, "PUT", "/v1/me/notification-email"),
            "helpdesk.identity.v1.IdentityService.SetNotificationEmail");
  EXPECT_EQ(MethodOf(*table, "POST", "/v1/sla:computeDue"),
            "helpdesk.sla.v1.SlaService.ComputeDue");
  EXPECT_EQ(MethodOf(*table, "GET", "/v1/tickets/t-1/messages/m-2"),
            "helpdesk.ticket.v1.TicketService.GetMessage");

  RouteTable::Match zip = table->Find("GET", "/v1/tickets/t-1/messages/m-2/images.zip", "");
  ASSERT_NE(zip.route, nullptr);
  EXPECT_EQ(zip.route->grpc_method,
            "/helpdesk.attachment.v1.AttachmentService/DownloadMessageImages");
  EXPECT_THAT(zip.bindings,
              ElementsAre(PathBinding{"ticket_id", "t-1"}, PathBinding{"message_id", "m-2"}));
  EXPECT_TRUE(zip.route->server_streaming);
  EXPECT_TRUE(zip.route->raw_response);

  RouteTable::Match upload = table->Find("POST", "/v1/attachments", "");
  ASSERT_NE(upload.route, nullptr);
  EXPECT_TRUE(upload.route->raw_request);
  EXPECT_TRUE(upload.route->client_streaming);
  EXPECT_FALSE(upload.route->raw_response);
}

TEST(RouteTableTest, UnknownPathAndWrongMethod) {
  std::unique_ptr<RouteTable> table = MustLoad(HELPDESK_TEST_DESCRIPTOR_SET);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->Find("GET", "/v1/nothing-here", "").outcome, RouteTable::Outcome::kNotFound);
  RouteTable::Match m = table->Find("DELETE", "/v1/tickets/t-1", "");
  EXPECT_EQ(m.outcome, RouteTable::Outcome::kMethodNotAllowed);
  EXPECT_THAT(m.allowed_methods, ElementsAre("GET", "PATCH"));
}

TEST(RouteTableTest, EchoRoutesAndPrecedence) {
  std::unique_ptr<RouteTable> table = MustLoad(HELPDESK_ECHO_DESCRIPTOR_SET);
  ASSERT_NE(table, nullptr);
  // The verb route wins over the plain variable that would also match.
  EXPECT_EQ(MethodOf(*table, "POST", "/v1/echo/items/a:shout"),
            "helpdesk.testing.v1.EchoService.Shout");
  EXPECT_EQ(MethodOf(*table, "PATCH", "/v1/echo/items/a"),
            "helpdesk.testing.v1.EchoService.UpdateItem");
  // additional_bindings.
  EXPECT_EQ(MethodOf(*table, "POST", "/v1/echo/items"),
            "helpdesk.testing.v1.EchoService.CreateItem");
  EXPECT_EQ(MethodOf(*table, "POST", "/v1/echo/shelves/s/items"),
            "helpdesk.testing.v1.EchoService.CreateItem");
  EXPECT_EQ(MethodOf(*table, "GET", "/v1/echo/shelves/s/items"),
            "helpdesk.testing.v1.EchoService.ListItems");
  EXPECT_THAT(table->Services(), ElementsAre("helpdesk.testing.v1.EchoService",
                                             "helpdesk.testing.v1.UnroutedService"));
}

TEST(RouteTableTest, SeveralSetsSharingImportsLoadOnce) {
  absl::StatusOr<std::unique_ptr<RouteTable>> table =
      RouteTable::Load({HELPDESK_TEST_DESCRIPTOR_SET, HELPDESK_ECHO_DESCRIPTOR_SET});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(MethodOf(**table, "GET", "/v1/echo/reports/2024-01", "text/csv"),
            "helpdesk.testing.v1.EchoService.ExportReport");
  EXPECT_EQ(MethodOf(**table, "GET", "/v1/me"), "helpdesk.identity.v1.IdentityService.GetMe");
}

TEST(RouteTableTest, BadDescriptorSetsAreRefusedWithTheReason) {
  absl::StatusOr<std::unique_ptr<RouteTable>> missing = RouteTable::Load({"/nonexistent/x.pb"});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("/nonexistent/x.pb"));
  absl::StatusOr<std::unique_ptr<RouteTable>> garbage =
      RouteTable::FromSerialized({"\xff\xff garbage"}, {"g.pb"});
  ASSERT_FALSE(garbage.ok());
  EXPECT_THAT(std::string(garbage.status().message()), HasSubstr("g.pb"));
}

TEST(AcceptTest, MatchesMediaTypesIgnoringParametersAndRefusals) {
  EXPECT_TRUE(AcceptsMediaType("text/csv", "text/csv"));
  EXPECT_TRUE(AcceptsMediaType("application/json, Text/CSV; charset=utf-8", "text/csv"));
  EXPECT_TRUE(AcceptsMediaType("text/csv;q=0.5", "text/csv"));
  EXPECT_FALSE(AcceptsMediaType("text/csv;q=0", "text/csv"));
  EXPECT_FALSE(AcceptsMediaType("*/*", "text/csv"));
  EXPECT_FALSE(AcceptsMediaType("", "text/csv"));
  EXPECT_FALSE(AcceptsMediaType("text/csvx", "text/csv"));
}

}  // namespace
}  // namespace helpdesk::gateway
