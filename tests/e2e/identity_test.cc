// The identity service as a process over real PostgreSQL and NATS: first
// access, passwords, sessions, throttling, resets.
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <future>
#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"
#include "helpdesk/identity/v1/identity.grpc.pb.h"
#include "tests/support/stack.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using identity::v1::IdentityService;
using testing::TestStack;

constexpr char kVat[] = "04820850271";

class Identity : public ::testing::Test {
 protected:
  void SetUp() override {
    // A high per-address limit, so tests of the per-account lock can send
    // many attempts from one address; AddressLimit… sets its own.
    ASSERT_TRUE(stack_.Start({"identity"}, {{"HELPDESK_ADDRESS_MAX_ATTEMPTS", "1000"}}).ok());
    stub_ = IdentityService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("identity"), grpc::InsecureChannelCredentials()));
    admin_ = stack_.MintToken(Person::ADMINISTRATOR, "admin-1", "", "Admin");
  }

  // A client context with a deadline and, when given, a bearer token.
  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token = "") {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    return context;
  }

  identity::v1::Company CreateCompany(const std::string& vat = kVat) {
    identity::v1::CreateCompanyRequest request;
    request.set_name("Rossi Impianti S.p.A.");
    request.set_vat_number(vat);
    request.set_notification_email("default@helpdesk.example");
    identity::v1::Company company;
    grpc::Status status = stub_->CreateCompany(Ctx(admin_).get(), request, &company);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return company;
  }

  grpc::Status Login(const std::string& user, const std::string& password,
                     identity::v1::TokenResponse* tokens) {
    identity::v1::LoginRequest request;
    request.set_username(user);
    request.set_password(password);
    return stub_->Login(Ctx().get(), request, tokens);
  }

  std::string Query(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<std::string>();
  }

  TestStack stack_;
  std::unique_ptr<IdentityService::Stub> stub_;
  std::string admin_;
};

TEST_F(Identity, FirstAccessFlowOfTheManual) {
  identity::v1::Company company = CreateCompany();
  EXPECT_EQ(company.contract().hourly_rate_cents(), 6000);

  identity::v1::TokenResponse first;
  ASSERT_TRUE(Login(kVat, kVat, &first).ok());
  EXPECT_TRUE(first.must_change_password());
  EXPECT_EQ(first.expires_in(), 900);

  // Until the password changes, the account may only read itself and change it.
  identity::v1::Me me;
  ASSERT_TRUE(stub_->GetMe(Ctx(first.access_token()).get(), {}, &me).ok());
  EXPECT_TRUE(me.must_change_password());
  EXPECT_FALSE(me.notification_email_set());
  identity::v1::SetNotificationEmailRequest set_email;
  set_email.set_email("it@rossi-impianti.it");
  grpc::Status refused =
      stub_->SetNotificationEmail(Ctx(first.access_token()).get(), set_email, &me);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(refused.error_message(), "password expired: change it first");

  identity::v1::ChangePasswordRequest change;
  change.set_current_password(kVat);
  change.set_new_password(kVat);
  identity::v1::TokenResponse changed;
  grpc::Status weak = stub_->ChangePassword(Ctx(first.access_token()).get(), change, &changed);
  EXPECT_EQ(weak.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(weak.error_message(), "newPassword: must differ from the username");
  change.set_new_password("Nuova-Password-2026");
  ASSERT_TRUE(stub_->ChangePassword(Ctx(first.access_token()).get(), change, &changed).ok());
  EXPECT_FALSE(changed.must_change_password());

  // The old session ended with the change.
  identity::v1::RefreshRequest refresh;
  refresh.set_refresh_token(first.refresh_token());
  identity::v1::TokenResponse refreshed;
  EXPECT_EQ(stub_->Refresh(Ctx().get(), refresh, &refreshed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  ASSERT_TRUE(stub_->SetNotificationEmail(Ctx(changed.access_token()).get(), set_email, &me).ok());
  EXPECT_EQ(me.notification_email(), "it@rossi-impianti.it");
  EXPECT_TRUE(me.notification_email_set());
  EXPECT_EQ(me.company_name(), "Rossi Impianti S.p.A.");
  EXPECT_EQ(me.account().role(), Person::CUSTOMER);

  EXPECT_TRUE(Login(kVat, "Nuova-Password-2026", &refreshed).ok());
  EXPECT_EQ(Login(kVat, kVat, &refreshed).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Query("SELECT substr(password_hash, 1, 31) FROM identity.accounts WHERE username = '" +
                  std::string(kVat) + "'"),
            "$argon2id$v=19$m=19456,t=2,p=1$");
}

TEST_F(Identity, CompanyValidationNamesTheField) {
  identity::v1::CreateCompanyRequest request;
  request.set_name("Bianchi");
  request.set_vat_number("12345678901");
  identity::v1::Company company;
  grpc::Status status = stub_->CreateCompany(Ctx(admin_).get(), request, &company);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "vatNumber: the check digit does not match");

  CreateCompany();
  request.set_vat_number(kVat);
  status = stub_->CreateCompany(Ctx(admin_).get(), request, &company);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(status.error_message(), "vatNumber: a company with this VAT number exists");

  std::string consultant = stack_.MintToken(Person::CONSULTANT, "c-1", "");
  request.set_vat_number("12345678903");
  EXPECT_EQ(stub_->CreateCompany(Ctx(consultant).get(), request, &company).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(Identity, UnknownAndKnownUsersGetTheSameRefusal) {
  CreateCompany();
  identity::v1::TokenResponse tokens;
  grpc::Status wrong = Login(kVat, "not-the-password", &tokens);
  grpc::Status unknown = Login("99999999999", "not-the-password", &tokens);
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(wrong.error_code(), unknown.error_code());
  EXPECT_EQ(wrong.error_message(), unknown.error_message());
}

TEST_F(Identity, ParallelWrongPasswordsCannotSlipPastTheLimit) {
  CreateCompany();
  std::vector<std::future<grpc::Status>> attempts;
  for (int i = 0; i < 200; ++i) {
    // `i` by value: the loop moves on before the thread reads it.
    attempts.push_back(std::async(std::launch::async, [this, i] {
      identity::v1::TokenResponse tokens;
      return Login(kVat, "wrong-password-" + std::to_string(i), &tokens);
    }));
  }
  int refused = 0, throttled = 0;
  for (auto& attempt : attempts) {
    grpc::Status status = attempt.get();
    if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) ++refused;
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++throttled;
  }
  EXPECT_EQ(refused, 5) << "only the allowed attempts may reach the password check";
  EXPECT_EQ(throttled, 195);

  // Locked now even with the right password, with a Retry-After.
  identity::v1::LoginRequest request;
  request.set_username(kVat);
  request.set_password(kVat);
  auto context = Ctx();
  identity::v1::TokenResponse tokens;
  grpc::Status locked = stub_->Login(context.get(), request, &tokens);
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  auto retry = context->GetServerTrailingMetadata().find("retry-after");
  ASSERT_NE(retry, context->GetServerTrailingMetadata().end());
  EXPECT_GT(std::stoi(std::string(retry->second.data(), retry->second.size())), 0);

  // An unknown username is locked out the same way.
  for (int i = 0; i < 5; ++i) Login("99999999999", "x-" + std::to_string(i), &tokens);
  EXPECT_EQ(Login("99999999999", "x", &tokens).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  // Other accounts from the same address keep working.
  CreateCompany("12345678903");
  EXPECT_TRUE(Login("12345678903", "12345678903", &tokens).ok());
}

TEST_F(Identity, AddressLimitSlowsGuessingAcrossAccounts) {
  stack_.Stop("identity");
  ASSERT_TRUE(stack_.StartService("identity", {{"HELPDESK_ADDRESS_MAX_ATTEMPTS", "3"}}).ok());
  stub_ = IdentityService::NewStub(
      grpc::CreateChannel(stack_.grpc_address("identity"), grpc::InsecureChannelCredentials()));
  identity::v1::TokenResponse tokens;
  for (const char* user : {"11111111111", "22222222222", "33333333333"}) {
    EXPECT_EQ(Login(user, "guess", &tokens).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(Login("44444444444", "guess", &tokens).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(Identity, RefreshTokensRotateAndReuseRevokesTheSession) {
  CreateCompany();
  identity::v1::TokenResponse first, second, third;
  ASSERT_TRUE(Login(kVat, kVat, &first).ok());
  identity::v1::RefreshRequest refresh;
  refresh.set_refresh_token(first.refresh_token());
  ASSERT_TRUE(stub_->Refresh(Ctx().get(), refresh, &second).ok());
  EXPECT_NE(second.refresh_token(), first.refresh_token());
  // The first token again: a thief or a confused client; every session ends.
  EXPECT_EQ(stub_->Refresh(Ctx().get(), refresh, &third).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  refresh.set_refresh_token(second.refresh_token());
  EXPECT_EQ(stub_->Refresh(Ctx().get(), refresh, &third).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(Identity, LogoutEndsTheSession) {
  CreateCompany();
  identity::v1::TokenResponse tokens, refreshed;
  ASSERT_TRUE(Login(kVat, kVat, &tokens).ok());
  identity::v1::LogoutResponse out;
  ASSERT_TRUE(stub_->Logout(Ctx(tokens.access_token()).get(), {}, &out).ok());
  identity::v1::RefreshRequest refresh;
  refresh.set_refresh_token(tokens.refresh_token());
  EXPECT_EQ(stub_->Refresh(Ctx().get(), refresh, &refreshed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(Identity, PasswordResetTokenIsSingleUseAndReplacedByANewerOne) {
  CreateCompany();
  auto forgot = [&](const std::string& user) {
    identity::v1::ForgotPasswordRequest request;
    request.set_username(user);
    identity::v1::ForgotPasswordResponse response;
    return stub_->ForgotPassword(Ctx().get(), request, &response);
  };
  auto latest_token = [&] {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    pqxx::result r = tx.exec(
        "SELECT payload FROM identity.outbox WHERE subject = "
        "'helpdesk.events.v1.PasswordResetRequested' ORDER BY id DESC LIMIT 1");
    pqxx::binarystring payload(r[0][0]);
    events::v1::PasswordResetRequested event;
    event.ParseFromString(payload.str());
    EXPECT_EQ(event.email(), "default@helpdesk.example");
    EXPECT_EQ(event.reset_url().rfind("http://127.0.0.1:8080/#/reset-password?token=", 0), 0u);
    return event.reset_url().substr(event.reset_url().find("token=") + 6);
  };
  auto reset = [&](const std::string& token, const std::string& password) {
    identity::v1::ResetPasswordRequest request;
    request.set_token(token);
    request.set_new_password(password);
    identity::v1::ResetPasswordResponse response;
    return stub_->ResetPassword(Ctx().get(), request, &response);
  };

  EXPECT_TRUE(forgot("99999999999").ok()) << "no account: the same answer";
  ASSERT_TRUE(forgot(kVat).ok());
  std::string older = latest_token();
  EXPECT_GE(older.size(), 43u) << "at least 256 random bits";
  ASSERT_TRUE(forgot(kVat).ok());
  std::string newer = latest_token();
  EXPECT_NE(older, newer);

  grpc::Status dead = reset(older, "Reimpostata-2026");
  EXPECT_EQ(dead.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(dead.error_message(), "token: invalid or expired");
  EXPECT_EQ(reset(newer, "corta").error_message(), "newPassword: at least 10 characters");
  ASSERT_TRUE(reset(newer, "Reimpostata-2026").ok());
  EXPECT_EQ(reset(newer, "Ancora-Un-Altra-1").error_message(), "token: invalid or expired");
  EXPECT_EQ(reset("made-up-token", "Ancora-Un-Altra-1").error_message(),
            "token: invalid or expired");

  identity::v1::TokenResponse tokens;
  EXPECT_TRUE(Login(kVat, "Reimpostata-2026", &tokens).ok());
  EXPECT_FALSE(tokens.must_change_password());
}

}  // namespace
}  // namespace helpdesk
