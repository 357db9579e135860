// The sla service as a process beside identity and ticket: a ticket created
// through the ticket gRPC API reaches the sla service by its event (outbox →
// JetStream → durable consumer "sla"), which keeps a timer for it and
// explains its due to the owning customer only; taking it in charge stops
// the clock.
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "helpdesk/sla/v1/sla.grpc.pb.h"
#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "tests/support/stack.h"
#include "tests/support/wait.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using testing::TestStack;
using testing::WaitUntil;

int64_t Count(const std::string& url, const std::string& sql, const std::string& param) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  return tx.exec_params(sql, param)[0][0].as<int64_t>();
}

int64_t Seconds(const google::protobuf::Timestamp& ts) { return ts.seconds(); }

class SlaE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_.Start({"identity", "ticket", "sla"}).ok());
    tickets_ = ticket::v1::TicketService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
    sla_ = sla::v1::SlaService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("sla"), grpc::InsecureChannelCredentials()));
    // The ticket service's copy of two companies that may open tickets, as
    // the identity service's CompanyChanged events would leave it.
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) VALUES "
        "('company-1', 'Uno S.r.l.', true, true), ('company-2', 'Due S.r.l.', true, true)");
  }

  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context->AddMetadata("authorization", "Bearer " + token);
    return context;
  }

  // A high-priority ticket opened by a customer of company-1.
  ticket::v1::Ticket CreateTicket() {
    ticket::v1::CreateTicketRequest request;
    request.set_subject("Errore stampa fattura");
    request.set_priority(ticket::v1::Ticket::HIGH);
    request.set_scope("HYPERGEST");
    request.set_topic("HYPERGEST.IVA");
    request.set_note("La stampa della fattura si blocca.");
    ticket::v1::Ticket ticket;
    grpc::Status status = tickets_->CreateTicket(
        Context(stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1")).get(), request, &ticket);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ticket;
  }

  grpc::Status GetSla(const std::string& token, const std::string& id, sla::v1::TicketSla* out) {
    sla::v1::GetTicketSlaRequest request;
    request.set_ticket_id(id);
    return sla_->GetTicketSla(Context(token).get(), request, out);
  }

  TestStack stack_;
  std::unique_ptr<ticket::v1::TicketService::Stub> tickets_;
  std::unique_ptr<sla::v1::SlaService::Stub> sla_;
};

TEST_F(SlaE2E, CreatedTicketGetsATimer_AndItsSlaIsShownToTheOwningCustomerOnly) {
  ticket::v1::Ticket ticket = CreateTicket();
  ASSERT_FALSE(ticket.id().empty());
  const std::string db = stack_.DatabaseUrl();
  ASSERT_TRUE(WaitUntil(
      [&] {
        return Count(db, "SELECT count(*) FROM sla.timers WHERE ticket_id = $1", ticket.id()) == 1;
      },
      absl::Seconds(20)))
      << "the sla service never made a timer for the ticket";
  EXPECT_EQ(Count(db,
                  "SELECT count(*) FROM sla.timers WHERE ticket_id = $1 AND "
                  "next_fire_at IS NOT NULL AND due_at > warn_at",
                  ticket.id()),
            1);

  sla::v1::TicketSla sla;
  grpc::Status status =
      GetSla(stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1"), ticket.id(), &sla);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(sla.ticket_id(), ticket.id());
  EXPECT_EQ(sla.priority(), sla::v1::SlaTarget::HIGH);
  EXPECT_EQ(sla.target().seconds(), 2 * 3600);
  EXPECT_EQ(sla.calendar(), "default");
  EXPECT_EQ(Seconds(sla.created_at()), Seconds(ticket.created_at()));
  ASSERT_TRUE(sla.has_sla_due_at());
  EXPECT_GT(Seconds(sla.sla_due_at()), Seconds(sla.created_at()));
  // The windows counted add up to the 2-hour target and end at the due.
  ASSERT_GT(sla.windows_size(), 0);
  int64_t counted = 0;
  for (const auto& w : sla.windows()) counted += Seconds(w.end()) - Seconds(w.start());
  EXPECT_EQ(counted, 2 * 3600);
  EXPECT_EQ(Seconds(sla.windows(sla.windows_size() - 1).end()), Seconds(sla.sla_due_at()));
  EXPECT_FALSE(sla.has_taken_at());

  EXPECT_TRUE(GetSla(stack_.MintToken(Person::CONSULTANT, "staff-1", ""), ticket.id(), &sla).ok());
  grpc::Status other =
      GetSla(stack_.MintToken(Person::CUSTOMER, "acct-2", "company-2"), ticket.id(), &sla);
  grpc::Status missing = GetSla(stack_.MintToken(Person::CUSTOMER, "acct-2", "company-2"),
                                "00000000-0000-4000-8000-000000000000", &sla);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(other.error_message(), missing.error_message());
}

TEST_F(SlaE2E, TakingInChargeStopsTheClock) {
  ticket::v1::Ticket ticket = CreateTicket();
  const std::string db = stack_.DatabaseUrl();
  ASSERT_TRUE(WaitUntil(
      [&] {
        return Count(db, "SELECT count(*) FROM sla.timers WHERE ticket_id = $1", ticket.id()) == 1;
      },
      absl::Seconds(20)));
  ticket::v1::TakeTicketRequest take;
  take.set_id(ticket.id());
  ticket::v1::Ticket taken;
  grpc::Status status = tickets_->TakeTicket(
      Context(stack_.MintToken(Person::CONSULTANT, "staff-1", "", "Consulente")).get(), take,
      &taken);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(WaitUntil(
      [&] {
        return Count(db,
                     "SELECT count(*) FROM sla.tickets WHERE ticket_id = $1 AND "
                     "taken_at IS NOT NULL AND assignee_id = 'staff-1'",
                     ticket.id()) == 1;
      },
      absl::Seconds(20)));
  EXPECT_EQ(Count(db,
                  "SELECT count(*) FROM sla.timers WHERE ticket_id = $1 AND "
                  "next_fire_at IS NULL",
                  ticket.id()),
            1);
  sla::v1::TicketSla sla;
  ASSERT_TRUE(
      GetSla(stack_.MintToken(Person::CUSTOMER, "acct-1", "company-1"), ticket.id(), &sla).ok());
  EXPECT_EQ(Seconds(sla.taken_at()), Seconds(taken.taken_at()));
}

}  // namespace
}  // namespace helpdesk
