// The whole system over real HTTP through the gateway: the walking skeleton
// (ticket → outbox → JetStream → notification), the manual's first access,
// and the HTTP conventions of SPEC §7 (status mapping, error bodies,
// zero values printed).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/support/http_client.h"
#include "tests/support/stack.h"
#include "tests/support/wait.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using json = nlohmann::json;
using testing::Http;
using testing::HttpResponse;
using testing::TestStack;

class OverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_
                    .Start({"identity", "ticket", "notification", "gateway"},
                           {{"HELPDESK_ADMIN_PASSWORD", "Admin-Password-1"}})
                    .ok());
    base_ = stack_.http_base();
  }

  HttpResponse Call(const std::string& method, const std::string& path,
                    const std::string& token = "", const std::string& body = "") {
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return Http(method, base_ + path, body, headers);
  }

  int64_t Count(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<int64_t>();
  }

  static json Parse(const HttpResponse& r) {
    json body = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << r.body;
    return body;
  }

  TestStack stack_;
  std::string base_;
};

constexpr char kTicket[] = R"({
  "subject": "La stampa della fattura si blocca",
  "priority": "HIGH",
  "scope": "HYPERGEST",
  "topic": "HYPERGEST.IVA",
  "note": "Dal menu Vendite, la stampa si blocca al 50%."
})";

TEST_F(OverHttp, WalkingSkeleton_TicketReachesNotificationExactlyOnce) {
  pqxx::connection conn(stack_.DatabaseUrl());
  pqxx::nontransaction(conn).exec(
      "INSERT INTO ticket.companies (id, name, active, notification_email_set) "
      "VALUES ('co-1', 'Uno S.r.l.', true, true)");
  std::string token = stack_.MintToken(Person::CUSTOMER, "cust-1", "co-1", "Uno S.r.l.");

  HttpResponse created = Call("POST", "/v1/tickets", token, kTicket);
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_NE(created.Header("content-type").find("application/json"), std::string::npos);
  json ticket = Parse(created);
  EXPECT_EQ(ticket["number"], "#000001");
  EXPECT_EQ(ticket["progressive"], 1);
  EXPECT_EQ(ticket["status"], "OPEN");
  EXPECT_EQ(ticket["priority"], "HIGH");
  EXPECT_EQ(ticket["channel"], "PORTAL");
  EXPECT_EQ(ticket["companyName"], "Uno S.r.l.");
  EXPECT_EQ(ticket["urgentOnSite"], false) << "zero values are printed";
  EXPECT_EQ(ticket["publishedBy"]["role"], "CUSTOMER");

  HttpResponse read = Call("GET", "/v1/tickets/" + ticket["id"].get<std::string>(), token);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Parse(read)["subject"], "La stampa della fattura si blocca");

  std::string received = "SELECT count(*) FROM notification.received_events WHERE ticket_id = '" +
                         ticket["id"].get<std::string>() + "'";
  ASSERT_TRUE(testing::WaitUntil([&] { return Count(received) >= 1; }, absl::Seconds(15)));
  EXPECT_EQ(Count(received), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM notification.processed_events WHERE subject = "
                  "'helpdesk.events.v1.TicketCreated'"),
            1);
}

TEST_F(OverHttp, ErrorsFollowTheContract) {
  HttpResponse anonymous = Call("POST", "/v1/tickets", "", kTicket);
  EXPECT_EQ(anonymous.status, 401);
  json body = Parse(anonymous);
  EXPECT_EQ(body["code"], 16);
  EXPECT_EQ(body["message"], "missing access token");
  EXPECT_TRUE(body["details"].is_array());

  std::string customer = stack_.MintToken(Person::CUSTOMER, "cust-1", "co-1");
  EXPECT_EQ(Call("POST", "/v1/companies", customer, "{}").status, 403);
  EXPECT_EQ(Call("GET", "/v1/tickets/00000000-0000-4000-8000-000000000000", customer).status, 404);

  HttpResponse invalid = Call("POST", "/v1/tickets", customer, R"({"subject": " "})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(Parse(invalid)["message"], "subject: required");
  EXPECT_EQ(Parse(invalid)["code"], 3);
}

TEST_F(OverHttp, FirstAccessOfTheManual) {
  std::string admin =
      Parse(Call("POST", "/v1/auth/login", "",
                 R"({"username":"admin","password":"Admin-Password-1"})"))["accessToken"];
  HttpResponse company =
      Call("POST", "/v1/companies", admin, R"({"name":"Demo S.r.l.","vatNumber":"12345678903"})");
  ASSERT_EQ(company.status, 200) << company.body;
  EXPECT_EQ(Parse(company)["contract"]["hourlyRateCents"], "6000");

  HttpResponse first =
      Call("POST", "/v1/auth/login", "", R"({"username":"12345678903","password":"12345678903"})");
  ASSERT_EQ(first.status, 200) << first.body;
  json tokens = Parse(first);
  EXPECT_EQ(tokens["mustChangePassword"], true);
  EXPECT_EQ(tokens["expiresIn"], 900);
  std::string expired = tokens["accessToken"];

  HttpResponse blocked = Call("POST", "/v1/tickets", expired, kTicket);
  EXPECT_EQ(blocked.status, 400);
  EXPECT_EQ(Parse(blocked)["message"], "password expired: change it first");

  HttpResponse changed =
      Call("POST", "/v1/auth/password:change", expired,
           R"({"currentPassword":"12345678903","newPassword":"Demo-Nuova-2026"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  std::string token = Parse(changed)["accessToken"];

  HttpResponse no_email = Call("POST", "/v1/tickets", token, kTicket);
  EXPECT_EQ(no_email.status, 400);
  EXPECT_EQ(Parse(no_email)["message"],
            "notification e-mail not set: set your notification e-mail before creating a ticket");

  HttpResponse email =
      Call("PUT", "/v1/me/notification-email", token, R"({"email":"it@demo.example"})");
  ASSERT_EQ(email.status, 200) << email.body;
  EXPECT_EQ(Parse(email)["notificationEmail"], "it@demo.example");

  HttpResponse created = Call("POST", "/v1/tickets", token, kTicket);
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(Parse(created)["companyName"], "Demo S.r.l.");

  HttpResponse scopes = Call("GET", "/v1/scopes", token);
  ASSERT_EQ(scopes.status, 200);
  EXPECT_EQ(Parse(scopes)["scopes"].size(), 8u);
}

}  // namespace
}  // namespace helpdesk
