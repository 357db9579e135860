// Accounts as administrators manage them — staff accounts, companies' named
// contacts, listing, disabling, expiring a password — over real HTTP through
// the gateway, with the identity and ticket services over real PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"
#include "tests/e2e/api_flows.h"
#include "tests/support/stack.h"

namespace helpdesk {
namespace {

using testing::ApiFlows;
using ::testing::ElementsAre;
using testing::HttpResponse;
using testing::TestStack;
using json = nlohmann::json;

constexpr char kVat[] = "12345678903";
constexpr char kOtherVat[] = "04820850271";

class Accounts : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_
                    .Start({"identity", "ticket", "gateway"},
                           {{"HELPDESK_ADMIN_PASSWORD", testing::kAdminPassword}})
                    .ok());
    api_ = std::make_unique<ApiFlows>(stack_.http_base());
    admin_ = api_->AdminToken();
    company_id_ = api_->CreateCompany(admin_, "Demo S.r.l.", kVat);
  }

  static json Contact(const std::string& company_id, const std::string& username) {
    return {{"username", username},
            {"displayName", "Mario Rossi"},
            {"role", "CUSTOMER"},
            {"companyId", company_id},
            {"email", "mario@demo.example"},
            {"password", "Prima-Password-1"}};
  }

  std::string Scalar(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? "" : r[0][0].as<std::string>();
  }

  HttpResponse Login(const std::string& username, const std::string& password) {
    return api_->Call("POST", "/v1/auth/login", "",
                      json{{"username", username}, {"password", password}}.dump());
  }

  TestStack stack_;
  std::unique_ptr<ApiFlows> api_;
  std::string admin_;
  std::string company_id_;
};

TEST_F(Accounts, StaffAccountSignsInWithAFirstPasswordAndGetsItsRole) {
  HttpResponse created = api_->Call("POST", "/v1/accounts", admin_,
                                    json{{"username", "l.bianchi"},
                                         {"displayName", "Lucia Bianchi"},
                                         {"role", "CONSULTANT"},
                                         {"email", "lucia@helpdesk.example"},
                                         {"language", "en"},
                                         {"password", "Prima-Password-1"}}
                                        .dump());
  ASSERT_EQ(created.status, 200) << created.body;
  json account = ApiFlows::Parse(created);
  EXPECT_EQ(account["username"], "l.bianchi");
  EXPECT_EQ(account["role"], "CONSULTANT");
  EXPECT_EQ(account["language"], "en");
  EXPECT_EQ(account["companyId"], "");
  EXPECT_EQ(account["active"], true);
  EXPECT_EQ(account["mustChangePassword"], true) << "an administrator's password is a first one";
  EXPECT_FALSE(account.contains("password"));

  std::string token =
      api_->ChangeFirstPassword("L.Bianchi", "Prima-Password-1", "Lucia-Nuova-2026");
  EXPECT_EQ(api_->Call("GET", "/v1/companies", token).status, 200);
  EXPECT_EQ(api_->Call("POST", "/v1/companies", token,
                       json{{"name", "X"}, {"vatNumber", kOtherVat}}.dump())
                .status,
            403)
      << "a consultant is not an administrator";
  EXPECT_EQ(api_->Call("POST", "/v1/accounts", token, Contact(company_id_, "x.y").dump()).status,
            403);

  EXPECT_EQ(Scalar("SELECT count(*) FROM identity.audit_events WHERE event = 'account_created'"),
            "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM identity.outbox WHERE subject = "
                   "'helpdesk.events.v1.AccountChanged'"),
            "3")
      << "admin, the company's account, the consultant";
}

TEST_F(Accounts, CreateAccountNamesTheFieldAtFault) {
  auto refused = [&](json body) {
    HttpResponse r = api_->Call("POST", "/v1/accounts", admin_, body.dump());
    EXPECT_EQ(r.status, 400) << body.dump();
    return ApiFlows::Parse(r)["message"].get<std::string>();
  };
  json good = Contact(company_id_, "mario.rossi");
  json bad = good;
  bad.erase("username");
  EXPECT_EQ(refused(bad), "username: required");
  bad = good;
  bad["username"] = "mario rossi";
  EXPECT_EQ(refused(bad), "username: only letters, digits and . _ @ - are allowed");
  bad = good;
  bad["username"] = kOtherVat;
  EXPECT_EQ(refused(bad), "username: 11 digits are reserved for companies' VAT numbers");
  bad = good;
  bad["displayName"] = " ";
  EXPECT_EQ(refused(bad), "displayName: required");
  bad = good;
  bad.erase("role");
  EXPECT_EQ(refused(bad), "role: required, one of CUSTOMER, CONSULTANT, ADMINISTRATOR");
  bad = good;
  bad.erase("companyId");
  EXPECT_EQ(refused(bad), "companyId: required for a CUSTOMER contact");
  bad = good;
  bad["role"] = "ADMINISTRATOR";
  EXPECT_EQ(refused(bad), "companyId: only a CUSTOMER contact has a company");
  bad = good;
  bad["companyId"] = "00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(refused(bad), "companyId: no such company");
  bad = good;
  bad["email"] = "not-an-address";
  EXPECT_EQ(refused(bad), "email: not a valid e-mail address");
  bad = good;
  bad["language"] = "fr";
  EXPECT_EQ(refused(bad), "language: must be \"it\" or \"en\"");
  bad = good;
  bad["password"] = "corta";
  EXPECT_EQ(refused(bad), "password: at least 10 characters");

  ASSERT_EQ(api_->Call("POST", "/v1/accounts", admin_, good.dump()).status, 200);
  json again = Contact(company_id_, "Mario.Rossi");
  HttpResponse taken = api_->Call("POST", "/v1/accounts", admin_, again.dump());
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(ApiFlows::Parse(taken)["message"], "username: already taken");
  json admin_name = Contact(company_id_, "ADMIN");
  EXPECT_EQ(api_->Call("POST", "/v1/accounts", admin_, admin_name.dump()).status, 409);
}

TEST_F(Accounts, ContactActsForItsCompanyAndAppearsAsPublisher) {
  std::string company_token = api_->FirstAccess(kVat, "Demo-Nuova-2026", "it@demo.example");
  std::string contact_id = api_->CreateAccount(admin_, Contact(company_id_, "mario.rossi"));
  std::string contact =
      api_->ChangeFirstPassword("mario.rossi", "Prima-Password-1", "Mario-Nuova-2026");

  HttpResponse me = api_->Call("GET", "/v1/me", contact);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(ApiFlows::Parse(me)["companyId"], company_id_);
  EXPECT_EQ(ApiFlows::Parse(me)["companyName"], "Demo S.r.l.");

  std::string ticket_id = api_->CreateTicket(contact, "Fattura bloccata");
  HttpResponse seen = api_->Call("GET", "/v1/tickets/" + ticket_id, company_token);
  ASSERT_EQ(seen.status, 200) << seen.body;
  json ticket = ApiFlows::Parse(seen);
  EXPECT_EQ(ticket["companyId"], company_id_);
  EXPECT_EQ(ticket["publishedBy"],
            (json{{"id", contact_id}, {"displayName", "Mario Rossi"}, {"role", "CUSTOMER"}}));
  HttpResponse list = api_->Call("GET", "/v1/tickets", company_token);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(ApiFlows::Parse(list)["tickets"].size(), 1u);
  EXPECT_EQ(ApiFlows::Parse(list)["tickets"][0]["id"], ticket_id);

  // Another company sees nothing of it.
  api_->CreateCompany(admin_, "Altra S.p.A.", kOtherVat);
  std::string other = api_->FirstAccess(kOtherVat, "Altra-Nuova-2026", "it@altra.example");
  EXPECT_EQ(api_->Call("GET", "/v1/tickets/" + ticket_id, other).status, 404);
  EXPECT_EQ(ApiFlows::Parse(api_->Call("GET", "/v1/tickets", other))["tickets"].size(), 0u);

  // A contact's password reset goes to the contact's own address.
  ASSERT_EQ(
      api_->Call("POST", "/v1/auth/password:forgot", "", json{{"username", "mario.rossi"}}.dump())
          .status,
      200);
  pqxx::connection conn(stack_.DatabaseUrl());
  pqxx::result r = pqxx::nontransaction(conn).exec(
      "SELECT payload FROM identity.outbox WHERE subject = "
      "'helpdesk.events.v1.PasswordResetRequested' ORDER BY id DESC LIMIT 1");
  ASSERT_EQ(r.size(), 1u);
  events::v1::PasswordResetRequested event;
  ASSERT_TRUE(event.ParseFromString(pqxx::binarystring(r[0][0]).str()));
  EXPECT_EQ(event.email(), "mario@demo.example");
  EXPECT_EQ(event.account_id(), contact_id);
}

TEST_F(Accounts, ListFiltersByCompanyAndRoleAndPages) {
  std::string other_id = api_->CreateCompany(admin_, "Altra S.p.A.", kOtherVat);
  for (const char* name : {"c.uno", "c.due", "c.tre"}) {
    api_->CreateAccount(admin_, Contact(company_id_, name));
  }
  api_->CreateAccount(admin_, Contact(other_id, "c.altra"));
  api_->CreateAccount(admin_, {{"username", "consulente"},
                               {"displayName", "Consulente"},
                               {"role", "CONSULTANT"},
                               {"email", "c@helpdesk.example"},
                               {"password", "Prima-Password-1"}});

  auto usernames = [&](const std::string& query) {
    std::vector<std::string> names;
    std::string token;
    for (int page = 0; page < 10; ++page) {
      HttpResponse r = api_->Call(
          "GET", "/v1/accounts?pageSize=2" + query + (token.empty() ? "" : "&pageToken=" + token),
          admin_);
      EXPECT_EQ(r.status, 200) << r.body;
      json body = ApiFlows::Parse(r);
      for (const auto& a : body["accounts"]) names.push_back(a["username"]);
      token = body["nextPageToken"];
      if (token.empty()) break;
    }
    return names;
  };
  EXPECT_THAT(usernames("&companyId=" + company_id_), ElementsAre(kVat, "c.due", "c.tre", "c.uno"));
  EXPECT_THAT(usernames("&role=CONSULTANT"), ElementsAre("consulente"));
  EXPECT_THAT(usernames("&role=ADMINISTRATOR"), ElementsAre("admin"));
  EXPECT_THAT(usernames("&companyId=" + other_id + "&role=CUSTOMER"),
              ElementsAre(kOtherVat, "c.altra"));
  EXPECT_EQ(usernames("").size(), 8u);
  EXPECT_EQ(api_->Call("GET", "/v1/accounts?pageSize=500", admin_).status, 400);
  EXPECT_EQ(api_->Call("GET", "/v1/accounts?pageToken=nonsense", admin_).status, 400);
}

TEST_F(Accounts, DisabledAccountCannotSignInAndItsSessionsEnd) {
  std::string contact_id = api_->CreateAccount(admin_, Contact(company_id_, "mario.rossi"));
  api_->ChangeFirstPassword("mario.rossi", "Prima-Password-1", "Mario-Nuova-2026");
  HttpResponse login = Login("mario.rossi", "Mario-Nuova-2026");
  std::string refresh = ApiFlows::Field(login, "refreshToken");

  HttpResponse disabled = api_->Call("POST", "/v1/accounts/" + contact_id + ":disable", admin_);
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(ApiFlows::Parse(disabled)["active"], false);

  HttpResponse refused = Login("mario.rossi", "Mario-Nuova-2026");
  HttpResponse wrong = Login("mario.rossi", "Not-The-Password-1");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body, wrong.body) << "a disabled account looks like a wrong password";
  EXPECT_EQ(
      api_->Call("POST", "/v1/auth/refresh", "", json{{"refreshToken", refresh}}.dump()).status,
      401);

  EXPECT_EQ(api_->Call("POST", "/v1/accounts/00000000-0000-4000-8000-000000000000:disable", admin_)
                .status,
            404);
  EXPECT_EQ(Scalar("SELECT detail FROM identity.audit_events WHERE event = 'account_disabled'"),
            contact_id);
  EXPECT_EQ(Scalar("SELECT count(*) FROM identity.sessions WHERE account_id = '" + contact_id +
                   "' AND revoked_at IS NULL"),
            "0");
}

TEST_F(Accounts, ExpiredPasswordMustBeChangedAtTheNextSignIn) {
  std::string contact_id = api_->CreateAccount(admin_, Contact(company_id_, "mario.rossi"));
  std::string token =
      api_->ChangeFirstPassword("mario.rossi", "Prima-Password-1", "Mario-Nuova-2026");
  std::string refresh = ApiFlows::Field(Login("mario.rossi", "Mario-Nuova-2026"), "refreshToken");

  HttpResponse expired =
      api_->Call("POST", "/v1/accounts/" + contact_id + ":expirePassword", admin_);
  ASSERT_EQ(expired.status, 200) << expired.body;
  EXPECT_EQ(ApiFlows::Parse(expired)["mustChangePassword"], true);
  EXPECT_EQ(
      api_->Call("POST", "/v1/auth/refresh", "", json{{"refreshToken", refresh}}.dump()).status,
      401)
      << "its sessions ended";

  HttpResponse login = Login("mario.rossi", "Mario-Nuova-2026");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(ApiFlows::Parse(login)["mustChangePassword"], true);
  HttpResponse blocked = api_->Call("GET", "/v1/tickets", ApiFlows::Field(login, "accessToken"));
  EXPECT_EQ(blocked.status, 400);
  EXPECT_EQ(ApiFlows::Parse(blocked)["message"], "password expired: change it first");
  EXPECT_EQ(Scalar("SELECT count(*) FROM identity.audit_events WHERE event = 'password_expired'"),
            "1");
}

TEST_F(Accounts, ForgotPasswordForAnUnknownUsernameDoesTheSameWork) {
  // No timing is measured (no timed assertions): this checks that the
  // unknown path really runs its decoy transaction, as the known one runs
  // its reset.
  api_->FirstAccess(kVat, "Demo-Nuova-2026", "it@demo.example");  // somewhere to send it
  for (const char* user : {kVat, "nobody.here"}) {
    HttpResponse r =
        api_->Call("POST", "/v1/auth/password:forgot", "", json{{"username", user}}.dump());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "{}");
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM identity.password_resets WHERE account_id IS NOT NULL"),
            "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM identity.password_resets WHERE account_id IS NULL "
                   "AND used_at IS NOT NULL"),
            "1");
}

}  // namespace
}  // namespace helpdesk
