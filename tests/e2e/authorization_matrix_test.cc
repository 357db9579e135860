// The authorization matrix (SPEC §7, issue 3): every HTTP route of the
// descriptor set, read with the gateway's own route table, is tried over real
// HTTP through the gateway with no token, an expired token, a token signed by
// another key, a customer's token on staff routes (and a consultant's on
// administrator routes), and another company's ids on customer routes; each
// answer's status is asserted. A route without an entry in kExpectations
// fails the test, so a new route cannot be forgotten.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "helpdesk/common/v1/options.pb.h"
#include "libs/auth/token.h"
#include "services/gateway/route_table.h"
#include "tests/e2e/api_flows.h"
#include "tests/support/stack.h"
#include "tests/support/wait.h"

namespace helpdesk {
namespace {

using common::v1::AccessRule;
using common::v1::Person;
using testing::ApiFlows;
using testing::HttpResponse;
using testing::TestStack;
using json = nlohmann::json;

// Who may call a route, as the test expects it.
enum class Who {
  kPublic,    // anybody: no authentication
  kSignOut,   // POST /v1/auth/logout: PUBLIC in the proto, 401 without a session
  kSignedIn,  // every account (CUSTOMER)
  kStaff,     // consultants and administrators
  kAdmin,     // administrators
};

// Which path variables name another company's resource for the tenant check.
enum class Tenant {
  kNone,
  kTicket,         // {id} / {ticket_id}: a ticket
  kTicketMessage,  // {ticket_id}, {message_id}: a ticket and its message
  kAttachment,     // {id}: an attachment
};

struct Expectation {
  Who who;
  Tenant tenant = Tenant::kNone;
  // For the tenant check: whether the owning company itself gets a 200 from
  // the same request (proving the 404 is the tenant check, not a bad id).
  bool owner_sees_it = true;
};

// Every route, as "METHOD template" (plus " [media type]" for an Accept
// variant). A new route needs a line here.
const std::map<std::string, Expectation>& Expectations() {
  static const auto* table = new std::map<std::string, Expectation>{
      // identity
      {"POST /v1/auth/login", {Who::kPublic}},
      {"POST /v1/auth/refresh", {Who::kPublic}},
      {"POST /v1/auth/logout", {Who::kSignOut}},
      {"POST /v1/auth/password:change", {Who::kSignedIn}},
      {"POST /v1/auth/password:forgot", {Who::kPublic}},
      {"POST /v1/auth/password:reset", {Who::kPublic}},
      {"GET /v1/me", {Who::kSignedIn}},
      {"PUT /v1/me/notification-email", {Who::kSignedIn}},
      {"POST /v1/companies", {Who::kAdmin}},
      {"GET /v1/companies", {Who::kStaff}},
      {"GET /v1/companies/{id}", {Who::kStaff}},
      {"PATCH /v1/companies/{id}", {Who::kAdmin}},
      {"POST /v1/accounts", {Who::kAdmin}},
      {"GET /v1/accounts", {Who::kAdmin}},
      {"GET /v1/accounts/{id}", {Who::kStaff}},
      {"POST /v1/accounts/{id}:disable", {Who::kAdmin}},
      {"POST /v1/accounts/{id}:expirePassword", {Who::kAdmin}},
      // ticket
      {"GET /v1/scopes", {Who::kSignedIn}},
      {"POST /v1/scopes", {Who::kAdmin}},
      {"PATCH /v1/scopes/{code}", {Who::kAdmin}},
      {"POST /v1/scopes/{scope}/topics", {Who::kAdmin}},
      {"PATCH /v1/topics/{code}", {Who::kAdmin}},
      {"POST /v1/tickets", {Who::kSignedIn}},
      {"GET /v1/tickets", {Who::kSignedIn}},
      {"GET /v1/tickets/{id}", {Who::kSignedIn, Tenant::kTicket}},
      {"GET /v1/tickets/{id}/messages", {Who::kSignedIn, Tenant::kTicket}},
      {"GET /v1/tickets/{ticket_id}/messages/{message_id}",
       {Who::kSignedIn, Tenant::kTicketMessage}},
      {"POST /v1/tickets/{id}/messages", {Who::kSignedIn, Tenant::kTicket}},
      {"GET /v1/tickets/{id}/history", {Who::kSignedIn, Tenant::kTicket}},
      {"POST /v1/tickets/{id}:close", {Who::kSignedIn, Tenant::kTicket}},
      {"POST /v1/tickets/{id}:take", {Who::kStaff}},
      {"POST /v1/tickets/{id}:assign", {Who::kStaff}},
      {"POST /v1/tickets/{id}:reopen", {Who::kStaff}},
      {"PATCH /v1/tickets/{id}", {Who::kStaff}},
      {"POST /v1/tickets/{id}/worklog", {Who::kStaff}},
      {"GET /v1/tickets/{id}/worklog", {Who::kStaff}},
      {"PATCH /v1/tickets/{ticket_id}/worklog/{entry_id}", {Who::kStaff}},
      {"DELETE /v1/tickets/{ticket_id}/worklog/{entry_id}", {Who::kStaff}},
      {"POST /v1/reports/billing:close", {Who::kAdmin}},
      {"GET /v1/reports/billing", {Who::kStaff}},
      {"GET /v1/reports/billing [text/csv]", {Who::kStaff}},
      {"POST /v1/billing:quote", {Who::kStaff}},
      // attachment
      {"POST /v1/attachments", {Who::kSignedIn}},
      {"GET /v1/attachments/{id}", {Who::kSignedIn, Tenant::kAttachment}},
      {"GET /v1/tickets/{ticket_id}/messages/{message_id}/images.zip",
       {Who::kSignedIn, Tenant::kTicketMessage, /*owner_sees_it=*/false}},
      // sla
      {"POST /v1/sla:computeDue", {Who::kStaff}},
      {"GET /v1/tickets/{ticket_id}/sla", {Who::kSignedIn, Tenant::kTicket}},
      {"GET /v1/reports/sla", {Who::kStaff}},
      {"GET /v1/calendars", {Who::kStaff}},
      {"PUT /v1/calendars/{name}", {Who::kAdmin}},
      // notification
      {"GET /v1/tickets/{ticket_id}/deliveries", {Who::kStaff}},
  };
  return *table;
}

AccessRule::Role ProtoRole(Who who) {
  switch (who) {
    case Who::kPublic:
    case Who::kSignOut:
      return AccessRule::PUBLIC;
    case Who::kSignedIn:
      return AccessRule::CUSTOMER;
    case Who::kStaff:
      return AccessRule::CONSULTANT;
    case Who::kAdmin:
      return AccessRule::ADMINISTRATOR;
  }
  return AccessRule::ROLE_UNSPECIFIED;
}

std::string Key(const gateway::Route& route) {
  return route.produces.empty() ? route.Label()
                                : absl::StrCat(route.Label(), " [", route.produces, "]");
}

constexpr char kNoSuchId[] = "00000000-0000-4000-8000-000000000000";

// The smallest PNG: one transparent pixel.
constexpr unsigned char kPng[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_
                    .Start({"identity", "ticket", "attachment", "sla", "notification", "gateway"},
                           {{"HELPDESK_ADMIN_PASSWORD", testing::kAdminPassword}})
                    .ok());
    absl::StatusOr<std::unique_ptr<gateway::RouteTable>> routes =
        gateway::RouteTable::Load({HELPDESK_DESCRIPTOR_SET});
    ASSERT_TRUE(routes.ok()) << routes.status();
    routes_ = *std::move(routes);
    api_ = std::make_unique<ApiFlows>(stack_.http_base());
  }

  // Fills the route's path variables: `values` by variable name, else an id
  // that names nothing.
  static std::string Path(const gateway::Route& route,
                          const std::map<std::string, std::string>& values = {}) {
    std::string path;
    const std::string& text = route.path.text();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '{') {
        path += text[i];
        continue;
      }
      size_t close = text.find('}', i);
      std::string variable = text.substr(i + 1, close - i - 1);
      variable = variable.substr(0, variable.find('='));
      auto it = values.find(variable);
      path += it != values.end() ? it->second : kNoSuchId;
      i = close;
    }
    return path;
  }

  HttpResponse Send(const gateway::Route& route, const std::string& path, const std::string& token,
                    const std::string& body = "") {
    std::map<std::string, std::string> headers;
    if (!route.produces.empty()) headers["Accept"] = route.produces;
    std::string payload = body;
    if (payload.empty() && route.http_method != "GET") payload = "{}";
    return api_->Call(route.http_method, path, token, payload, headers);
  }

  // Uploads a PNG as `token`'s company: its id, or "" when uploads do not
  // work yet (another issue builds the attachment service).
  std::string UploadImage(const std::string& token) {
    const std::string boundary = "matrix-boundary";
    std::string body = absl::StrCat(
        "--", boundary, "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n",
        "Content-Type: image/png\r\n\r\n",
        std::string(reinterpret_cast<const char*>(kPng), sizeof kPng), "\r\n--", boundary,
        "--\r\n");
    HttpResponse r = testing::Http("POST", stack_.http_base() + "/v1/attachments", body,
                                   {{"Authorization", "Bearer " + token},
                                    {"Content-Type", "multipart/form-data; boundary=" + boundary}});
    if (r.status != 200) return "";
    return ApiFlows::Parse(r).value("id", "");
  }

  TestStack stack_;
  std::unique_ptr<gateway::RouteTable> routes_;
  std::unique_ptr<ApiFlows> api_;
};

TEST_F(AuthorizationMatrix, EveryRouteChecksAuthenticationRoleAndTenant) {
  // Two companies through their first access, a consultant, a ticket each.
  std::string admin = api_->AdminToken();
  std::string company_a = api_->CreateCompany(admin, "Uno S.r.l.", "12345678903");
  std::string company_b = api_->CreateCompany(admin, "Due S.p.A.", "04820850271");
  std::string customer_a = api_->FirstAccess("12345678903", "Uno-Nuova-2026", "it@uno.example");
  std::string customer_b = api_->FirstAccess("04820850271", "Due-Nuova-2026", "it@due.example");
  api_->CreateAccount(admin, {{"username", "consulente"},
                              {"displayName", "Consulente"},
                              {"role", "CONSULTANT"},
                              {"email", "c@helpdesk.example"},
                              {"password", "Prima-Password-1"}});
  std::string consultant =
      api_->ChangeFirstPassword("consulente", "Prima-Password-1", "Consulente-2026");
  api_->CreateTicket(customer_a, "Ticket di Uno");
  std::string ticket_b = api_->CreateTicket(customer_b, "Ticket di Due");
  HttpResponse messages = api_->Call("GET", "/v1/tickets/" + ticket_b + "/messages", customer_b);
  ASSERT_EQ(messages.status, 200) << messages.body;
  std::string message_b = ApiFlows::Parse(messages)["messages"][0]["id"];
  std::string attachment_b = UploadImage(customer_b);
  if (attachment_b.empty()) {
    std::cerr << "authorization matrix: uploads do not work yet: attachments' tenant check uses "
                 "an id that names nothing\n";
  }
  const std::map<std::string, std::string> ids_of_b = {
      {"id", ticket_b}, {"ticket_id", ticket_b}, {"message_id", message_b}};

  // Tokens that must not pass: expired; signed by another key (with the
  // most powerful claims, so only the signature can fail it).
  std::string expired = stack_.MintToken(Person::CUSTOMER, "someone", company_a, "Uno",
                                         /*password_expired=*/false, absl::Minutes(-1));
  auth::Claims claims;
  claims.set_account_id("intruder");
  claims.set_role(Person::ADMINISTRATOR);
  claims.set_expires_at(absl::ToUnixSeconds(absl::Now() + absl::Minutes(15)));
  std::string forged =
      auth::TokenSigner::FromSeedHex(auth::GenerateKeyPair().seed_hex)->Sign(claims);

  std::set<std::string> seen;
  for (const auto& route_ptr : routes_->routes()) {
    const gateway::Route& route = *route_ptr;
    const std::string key = Key(route);
    seen.insert(key);
    auto found = Expectations().find(key);
    if (found == Expectations().end()) {
      ADD_FAILURE() << "no expectation for the route " << key << " (" << route.grpc_method
                    << "): add it to Expectations() in " << __FILE__;
      continue;
    }
    const Expectation& expect = found->second;
    SCOPED_TRACE(key);
    ASSERT_TRUE(route.method->options().HasExtension(common::v1::access)) << "no access rule";
    EXPECT_EQ(route.method->options().GetExtension(common::v1::access).role(),
              ProtoRole(expect.who))
        << "the proto's access rule and this test disagree";

    const std::string path = Path(route);
    if (expect.who == Who::kPublic) {
      int status = Send(route, path, "").status;
      EXPECT_NE(status, 401);
      EXPECT_NE(status, 403);
      EXPECT_EQ(Send(route, path, forged).status, status) << "a bad token changes nothing";
      continue;
    }
    for (const std::string& token : {std::string(), expired, forged}) {
      HttpResponse r = Send(route, path, token);
      EXPECT_EQ(r.status, 401) << (token.empty()      ? "no token"
                                   : token == expired ? "expired"
                                                      : "forged")
                               << ": " << r.body;
    }
    if (expect.who == Who::kStaff || expect.who == Who::kAdmin) {
      HttpResponse r = Send(route, Path(route, ids_of_b), customer_a);
      EXPECT_EQ(r.status, 403) << "customer: " << r.body;
    }
    if (expect.who == Who::kAdmin) {
      HttpResponse r = Send(route, path, consultant);
      EXPECT_EQ(r.status, 403) << "consultant: " << r.body;
    }
    if (expect.tenant == Tenant::kNone) continue;

    std::map<std::string, std::string> ids = ids_of_b;
    bool owner_sees_it = expect.owner_sees_it;
    if (expect.tenant == Tenant::kAttachment) {
      ids["id"] = attachment_b.empty() ? kNoSuchId : attachment_b;
      if (attachment_b.empty()) owner_sees_it = false;
    }
    const std::string body =
        key == "POST /v1/tickets/{id}/messages" ? json{{"note", "Intruso"}}.dump() : "";
    const std::string other_path = Path(route, ids);
    HttpResponse intruder = Send(route, other_path, customer_a, body);
    if (intruder.status == 501) {
      // Every public route has its handler: a 501 is a route whose tenant
      // check cannot be tried.
      ADD_FAILURE() << key << " is UNIMPLEMENTED: its tenant check cannot be tried";
      continue;
    }
    EXPECT_EQ(intruder.status, 404) << "another company's resource: " << intruder.body;
    if (owner_sees_it && route.http_method == "GET") {
      // Some services learn of tickets through events: wait for them.
      EXPECT_TRUE(testing::WaitUntil(
          [&] { return Send(route, other_path, customer_b).status == 200; }, absl::Seconds(15)))
          << "the owner never saw its own resource";
    }
  }
  for (const auto& [key, expectation] : Expectations()) {
    EXPECT_TRUE(seen.count(key)) << "an expectation for a route that does not exist: " << key;
  }

  // The intruder changed nothing: B's ticket is still open with one message.
  HttpResponse ticket = api_->Call("GET", "/v1/tickets/" + ticket_b, customer_b);
  ASSERT_EQ(ticket.status, 200);
  EXPECT_EQ(ApiFlows::Parse(ticket)["status"], "OPEN");
  EXPECT_EQ(ApiFlows::Parse(
                api_->Call("GET", "/v1/tickets/" + ticket_b + "/messages", customer_b))["messages"]
                .size(),
            1u);
  (void)company_b;
}

}  // namespace
}  // namespace helpdesk
