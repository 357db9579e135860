// The backend services as processes: start-up, health that tells the truth,
// configuration errors, graceful shutdown, and the ticket → outbox →
// JetStream → notification path over gRPC.
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <pqxx/pqxx>

#include "helpdesk/identity/v1/identity.grpc.pb.h"
#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "tests/support/postgres.h"
#include "tests/support/stack.h"
#include "tests/support/wait.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using testing::Subprocess;
using testing::TestStack;
using testing::WaitUntil;

int64_t Count(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  return tx.exec(sql)[0][0].as<int64_t>();
}

// Runs a service with `env` changes and returns its exit status and output.
std::pair<std::optional<int>, std::string> RunExpectingExit(
    TestStack& stack, const std::string& name, std::map<std::string, std::string> changes) {
  std::map<std::string, std::string> env = stack.ServiceEnv(name);
  for (auto& [k, v] : changes) env[k] = v;
  Subprocess process({TestStack::BinaryPath(name)}, env, stack.dir() + "/" + name + "-bad.log");
  std::optional<int> status = process.Wait(absl::Seconds(20));
  return {status, process.ReadLog()};
}

TEST(Services, AllBackendServicesStartAndReportServing) {
  TestStack stack;
  ASSERT_TRUE(stack.Start({"identity", "ticket", "attachment", "sla", "notification"}).ok());
  for (const char* name : {"identity", "ticket", "attachment", "sla", "notification"}) {
    EXPECT_TRUE(stack.Serving(name)) << name;
  }
}

TEST(Services, UnsetDatabaseUrlFailsStartWithOneClearLine) {
  TestStack stack;
  auto [status, output] = RunExpectingExit(stack, "ticket", {{"HELPDESK_DATABASE_URL", ""}});
  ASSERT_TRUE(status.has_value()) << "the service did not exit";
  EXPECT_EQ(*status, 2);
  EXPECT_EQ(output, "ticket: cannot start: HELPDESK_DATABASE_URL is not set\n");
}

TEST(Services, UnreachableDatabaseFailsStartNamingIt) {
  TestStack stack;
  int closed_port = testing::FreePort();
  auto [status, output] =
      RunExpectingExit(stack, "ticket",
                       {{"HELPDESK_DATABASE_URL", "postgresql://helpdesk_ticket:secret@127.0.0.1:" +
                                                      std::to_string(closed_port) + "/helpdesk"}});
  ASSERT_TRUE(status.has_value()) << "the service hung";
  EXPECT_EQ(*status, 2);
  EXPECT_EQ(output.find("ticket: cannot start: cannot connect to the database at 127.0.0.1:" +
                        std::to_string(closed_port) + "/helpdesk"),
            0u)
      << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  EXPECT_EQ(output.find("secret"), std::string::npos) << "password leaked: " << output;
}

TEST(Services, UnreachableNatsFailsStartNamingIt) {
  TestStack stack;
  int closed_port = testing::FreePort();
  auto [status, output] = RunExpectingExit(
      stack, "ticket", {{"HELPDESK_NATS_URL", "nats://127.0.0.1:" + std::to_string(closed_port)}});
  ASSERT_TRUE(status.has_value()) << "the service hung";
  EXPECT_EQ(*status, 2);
  EXPECT_EQ(output.find("ticket: cannot start: cannot connect to NATS at nats://127.0.0.1:"), 0u)
      << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
}

TEST(Services, BadSettingValueIsNamed) {
  TestStack stack;
  auto [status, output] = RunExpectingExit(stack, "sla", {{"HELPDESK_GRPC_LISTEN", "nowhere"}});
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(*status, 2);
  EXPECT_EQ(output, "sla: cannot start: HELPDESK_GRPC_LISTEN must be host:port, not \"nowhere\"\n");
}

TEST(Services, HealthIsNotServingWhileNatsIsDownAndRecovers) {
  TestStack stack;
  ASSERT_TRUE(stack.Start({"sla"}).ok());
  stack.nats().Kill();
  EXPECT_TRUE(WaitUntil([&] { return !stack.Serving("sla"); }, absl::Seconds(15)));
  ASSERT_TRUE(stack.nats().Start().ok());
  EXPECT_TRUE(WaitUntil([&] { return stack.Serving("sla"); }, absl::Seconds(15)));
}

TEST(Services, SigtermShutsDownGracefully) {
  TestStack stack;
  ASSERT_TRUE(stack.Start({"attachment"}).ok());
  Subprocess* p = stack.process("attachment");
  p->Signal(SIGTERM);
  std::optional<int> status = p->Wait(absl::Seconds(10));
  ASSERT_TRUE(status.has_value()) << "did not stop on SIGTERM";
  EXPECT_EQ(*status, 0);
  EXPECT_NE(p->ReadLog().find("\"msg\":\"stopped\""), std::string::npos);
}

class TicketGrpc : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_.Start({"identity", "ticket", "notification"}).ok());
    stub_ = ticket::v1::TicketService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
    // The ticket service's copy of two companies that may open tickets, as
    // the identity service's CompanyChanged events would leave it.
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) VALUES "
        "('company-1', 'Uno S.r.l.', true, true), ('company-2', 'Due S.r.l.', true, true)");
  }

  grpc::Status Create(const std::string& token, const ticket::v1::CreateTicketRequest& request,
                      ticket::v1::Ticket* ticket) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    return stub_->CreateTicket(&context, request, ticket);
  }

  static ticket::v1::CreateTicketRequest Request() {
    ticket::v1::CreateTicketRequest request;
    request.set_subject("  Errore stampa fattura  ");
    request.set_priority(ticket::v1::Ticket::HIGH);
    request.set_scope("HYPERGEST");
    request.set_topic("HYPERGEST.IVA");
    request.set_note("La stampa della fattura si blocca.\nGrazie.");
    return request;
  }

  TestStack stack_;
  std::unique_ptr<ticket::v1::TicketService::Stub> stub_;
};

TEST_F(TicketGrpc, CreatedTicketEventReachesNotificationExactlyOnce) {
  std::string token = stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1", "Cliente");
  ticket::v1::Ticket first, second;
  ASSERT_TRUE(Create(token, Request(), &first).ok());
  ASSERT_TRUE(Create(token, Request(), &second).ok());
  EXPECT_EQ(first.subject(), "Errore stampa fattura");
  EXPECT_EQ(first.progressive(), 1);
  EXPECT_EQ(second.progressive(), 2);
  EXPECT_EQ(first.status(), ticket::v1::Ticket::OPEN);
  EXPECT_EQ(first.channel(), ticket::v1::Ticket::PORTAL);
  EXPECT_EQ(first.published_by().id(), "acct-1");
  EXPECT_EQ(first.company_name(), "Uno S.r.l.");
  EXPECT_EQ(first.number(), "#000001");

  std::string db = stack_.DatabaseUrl();
  std::string received =
      "SELECT count(*) FROM notification.received_events WHERE ticket_id = '" + first.id() + "'";
  ASSERT_TRUE(WaitUntil([&] { return Count(db, received) >= 1; }, absl::Seconds(15)));
  EXPECT_EQ(Count(db, received), 1);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM ticket.outbox WHERE published_at IS NULL"), 0);
}

TEST_F(TicketGrpc, ValidationNamesTheField) {
  std::string token = stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1");
  ticket::v1::Ticket ticket;
  auto request = Request();
  request.set_subject(" \t ");
  grpc::Status status = Create(token, request, &ticket);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "subject: required");

  request = Request();
  request.set_topic("XCROSS_ERP.IVA");
  status = Create(token, request, &ticket);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "topic: \"XCROSS_ERP.IVA\" does not belong to scope \"HYPERGEST\"");

  // Nothing half-written: no ticket and no progressive was used.
  EXPECT_EQ(Count(stack_.DatabaseUrl(), "SELECT count(*) FROM ticket.tickets"), 0);
  EXPECT_EQ(Count(stack_.DatabaseUrl(), "SELECT count(*) FROM ticket.company_counters"), 0);
}

TEST_F(TicketGrpc, NotificationEmailMustBeSetFirstAndCountsAtOnce) {
  auto identity = identity::v1::IdentityService::NewStub(
      grpc::CreateChannel(stack_.grpc_address("identity"), grpc::InsecureChannelCredentials()));
  auto ctx = [](const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    return context;
  };
  identity::v1::CreateCompanyRequest company_request;
  company_request.set_name("Verdi Logistica S.r.l.");
  company_request.set_vat_number("12345678903");
  identity::v1::Company company;
  ASSERT_TRUE(identity
                  ->CreateCompany(ctx(stack_.MintToken(Person::ADMINISTRATOR, "adm", "")).get(),
                                  company_request, &company)
                  .ok());
  identity::v1::LoginRequest login;
  login.set_username("12345678903");
  login.set_password("12345678903");
  identity::v1::TokenResponse first, session;
  ASSERT_TRUE(identity->Login(ctx("").get(), login, &first).ok());
  identity::v1::ChangePasswordRequest change;
  change.set_current_password("12345678903");
  change.set_new_password("Verdi-Logistica-1");
  ASSERT_TRUE(identity->ChangePassword(ctx(first.access_token()).get(), change, &session).ok());

  ticket::v1::Ticket ticket;
  grpc::Status refused = Create(session.access_token(), Request(), &ticket);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(refused.error_message(),
            "notification e-mail not set: set your notification e-mail before creating a ticket");

  identity::v1::SetNotificationEmailRequest set_email;
  set_email.set_email("it@verdi-logistica.it");
  identity::v1::Me me;
  ASSERT_TRUE(
      identity->SetNotificationEmail(ctx(session.access_token()).get(), set_email, &me).ok());
  // The same session, at once: no waiting for the event to arrive.
  ASSERT_TRUE(Create(session.access_token(), Request(), &ticket).ok());
  EXPECT_EQ(ticket.company_id(), company.id());
  EXPECT_EQ(ticket.company_name(), "Verdi Logistica S.r.l.");
  EXPECT_EQ(ticket.published_by().display_name(), "Verdi Logistica S.r.l.");
}

TEST_F(TicketGrpc, StaffOpensATicketOnACustomersBehalf) {
  std::string staff = stack_.MintToken(Person::CONSULTANT, "staff-1", "", "Consulente");
  auto request = Request();
  ticket::v1::Ticket ticket;
  grpc::Status status = Create(staff, request, &ticket);
  EXPECT_EQ(status.error_message(),
            "companyId: required when opening a ticket on a customer's behalf");
  request.set_company_id("company-2");
  EXPECT_EQ(Create(staff, request, &ticket).error_message(),
            "channel: required on a customer's behalf: PHONE, EMAIL, MOBILE, SMS or OTHER");
  request.set_channel(ticket::v1::Ticket::PHONE);
  ASSERT_TRUE(Create(staff, request, &ticket).ok());
  EXPECT_EQ(ticket.company_id(), "company-2");
  EXPECT_EQ(ticket.progressive(), 1);
  EXPECT_EQ(ticket.channel(), ticket::v1::Ticket::PHONE);
  EXPECT_EQ(ticket.published_by().role(), Person::CONSULTANT);
  // An unknown company is named as such (asked of the identity service).
  request.set_company_id("00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(Create(staff, request, &ticket).error_message(), "companyId: unknown company");
}

// CreateTicket does not read the ticket back: what it answers must be exactly
// what GetTicket reads from the database, for every kind of ticket.
TEST_F(TicketGrpc, TheCreatedTicketIsExactlyWhatGetTicketReads) {
  std::string customer = stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1", "Uno S.r.l.");
  std::string staff = stack_.MintToken(Person::CONSULTANT, "staff-1", "", "Consulente");
  auto urgent = Request();
  urgent.set_company_id("company-2");
  urgent.set_channel(ticket::v1::Ticket::PHONE);
  urgent.set_urgent_on_site(true);
  {
    // A scope without topics, as an administrator may add one.
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec("INSERT INTO ticket.scopes (code, name, sort) VALUES ('ALTRO', 'Altro', 9)");
  }
  auto no_topic = Request();
  no_topic.set_scope("ALTRO");
  no_topic.clear_topic();
  no_topic.set_priority(ticket::v1::Ticket::LOW);
  struct Case {
    std::string token;
    ticket::v1::CreateTicketRequest request;
  };
  for (const Case& c : {Case{customer, Request()}, Case{staff, urgent}, Case{customer, no_topic}}) {
    ticket::v1::Ticket created;
    grpc::Status status = Create(c.token, c.request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + staff);
    ticket::v1::GetTicketRequest get;
    get.set_id(created.id());
    ticket::v1::Ticket read;
    ASSERT_TRUE(stub_->GetTicket(&context, get, &read).ok());
    // The remaining business time is computed at each read.
    EXPECT_LE(std::abs(read.sla_remaining_minutes() - created.sla_remaining_minutes()), 1);
    read.set_sla_remaining_minutes(created.sla_remaining_minutes());
    EXPECT_EQ(created.SerializeAsString(), read.SerializeAsString())
        << "created:\n"
        << created.DebugString() << "read:\n"
        << read.DebugString();
  }
}

TEST_F(TicketGrpc, ADisabledCompanyGetsNoTicketAndNoProgressive) {
  {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec("UPDATE ticket.companies SET active = false WHERE id = 'company-2'");
  }
  auto request = Request();
  request.set_company_id("company-2");
  request.set_channel(ticket::v1::Ticket::EMAIL);
  ticket::v1::Ticket ticket;
  grpc::Status status =
      Create(stack_.MintToken(Person::CONSULTANT, "staff-1", "", "Consulente"), request, &ticket);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "companyId: the company is disabled");
  EXPECT_EQ(Count(stack_.DatabaseUrl(), "SELECT count(*) FROM ticket.tickets"), 0);
  EXPECT_EQ(Count(stack_.DatabaseUrl(), "SELECT count(*) FROM ticket.company_counters"), 0);
  EXPECT_EQ(Count(stack_.DatabaseUrl(), "SELECT count(*) FROM ticket.outbox"), 0);
  // Nor was a ticket number used up: the next ticket is the first.
  ASSERT_TRUE(
      Create(stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1"), Request(), &ticket).ok());
  EXPECT_EQ(ticket.number(), "#000001");
}

TEST_F(TicketGrpc, AuthorizationIsCheckedBeforeInput) {
  ticket::v1::Ticket ticket;
  ticket::v1::CreateTicketRequest empty;
  EXPECT_EQ(Create("", empty, &ticket).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create("v1.forged.token", empty, &ticket).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  std::string expired = stack_.MintToken(Person::CUSTOMER, "a", "c", "x", false, -absl::Minutes(1));
  EXPECT_EQ(Create(expired, empty, &ticket).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::string must_change = stack_.MintToken(Person::CUSTOMER, "a", "c", "x", true);
  grpc::Status status = Create(must_change, empty, &ticket);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "password expired: change it first");
}

TEST_F(TicketGrpc, AnotherCompanysTicketIsNotFound) {
  ticket::v1::Ticket ticket;
  ASSERT_TRUE(
      Create(stack_.MintToken(Person::CUSTOMER, "a1", "company-1"), Request(), &ticket).ok());
  auto get = [&](const std::string& token, const std::string& id) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    ticket::v1::GetTicketRequest request;
    request.set_id(id);
    ticket::v1::Ticket out;
    return stub_->GetTicket(&context, request, &out);
  };
  EXPECT_TRUE(get(stack_.MintToken(Person::CUSTOMER, "a1", "company-1"), ticket.id()).ok());
  EXPECT_TRUE(get(stack_.MintToken(Person::CONSULTANT, "s1", ""), ticket.id()).ok());
  grpc::Status other = get(stack_.MintToken(Person::CUSTOMER, "a2", "company-2"), ticket.id());
  grpc::Status missing = get(stack_.MintToken(Person::CUSTOMER, "a2", "company-2"),
                             "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(other.error_message(), missing.error_message());
}

}  // namespace
}  // namespace helpdesk
