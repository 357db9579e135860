// The ticket service as a process: the manual's conversation, the status
// machine, internal notes, search, pagination, numbering under concurrency,
// idempotent creation.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <future>
#include <pqxx/pqxx>
#include <set>

#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "libs/calendar/calendar.h"
#include "libs/sla_policy/policy.h"
#include "tests/support/stack.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using testing::TestStack;
using ticket::v1::Ticket;
using ticket::v1::TicketService;

class Tickets : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        stack_.Start({"identity", "ticket"}, {{"HELPDESK_ADMIN_PASSWORD", "Admin-Password-1"}})
            .ok());
    stub_ = TicketService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
    Exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) VALUES "
        "('co-1', 'Uno S.r.l.', true, true), ('co-2', 'Due S.r.l.', true, true), "
        "('co-3', 'Tre S.r.l.', true, true)");
    customer_ = stack_.MintToken(Person::CUSTOMER, "cust-1", "co-1", "Uno S.r.l.");
    other_customer_ = stack_.MintToken(Person::CUSTOMER, "cust-2", "co-2", "Due S.r.l.");
    admin_id_ = Query("SELECT id::text FROM identity.accounts WHERE username = 'admin'");
    consultant_ = stack_.MintToken(Person::ADMINISTRATOR, admin_id_, "", "Amministratore");
  }

  void Exec(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
  }
  std::string Query(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<std::string>();
  }

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token,
                                                  const std::string& idempotency_key = "") {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    context->AddMetadata("authorization", "Bearer " + token);
    if (!idempotency_key.empty()) context->AddMetadata("idempotency-key", idempotency_key);
    return context;
  }

  Ticket Create(const std::string& token, const std::string& subject,
                const std::string& note = "La stampa si blocca.") {
    ticket::v1::CreateTicketRequest request;
    request.set_subject(subject);
    request.set_scope("ARXIVAR");
    request.set_topic("ARXIVAR.WORKFLOW");
    request.set_note(note);
    Ticket ticket;
    grpc::Status status = stub_->CreateTicket(Ctx(token).get(), request, &ticket);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ticket;
  }

  grpc::Status Message(const std::string& token, const std::string& id, const std::string& note,
                       bool internal = false) {
    ticket::v1::AddMessageRequest request;
    request.set_id(id);
    request.set_note(note);
    request.set_internal(internal);
    ticket::v1::Message message;
    return stub_->AddMessage(Ctx(token).get(), request, &message);
  }

  template <typename Request, typename Method>
  grpc::Status Act(Method method, const std::string& token, const std::string& id,
                   Ticket* out = nullptr) {
    Request request;
    request.set_id(id);
    Ticket ticket;
    grpc::Status status = (stub_.get()->*method)(Ctx(token).get(), request, out ? out : &ticket);
    return status;
  }
  grpc::Status Take(const std::string& token, const std::string& id, Ticket* out = nullptr) {
    return Act<ticket::v1::TakeTicketRequest>(&TicketService::Stub::TakeTicket, token, id, out);
  }
  grpc::Status Close(const std::string& token, const std::string& id, Ticket* out = nullptr) {
    return Act<ticket::v1::CloseTicketRequest>(&TicketService::Stub::CloseTicket, token, id, out);
  }
  grpc::Status Reopen(const std::string& token, const std::string& id, Ticket* out = nullptr) {
    return Act<ticket::v1::ReopenTicketRequest>(&TicketService::Stub::ReopenTicket, token, id, out);
  }
  Ticket Get(const std::string& token, const std::string& id) {
    Ticket ticket;
    EXPECT_TRUE(
        Act<ticket::v1::GetTicketRequest>(&TicketService::Stub::GetTicket, token, id, &ticket)
            .ok());
    return ticket;
  }
  ticket::v1::ListMessagesResponse Messages(const std::string& token, const std::string& id) {
    ticket::v1::ListMessagesRequest request;
    request.set_id(id);
    ticket::v1::ListMessagesResponse response;
    EXPECT_TRUE(stub_->ListMessages(Ctx(token).get(), request, &response).ok());
    return response;
  }
  ticket::v1::ListTicketsResponse List(const std::string& token,
                                       ticket::v1::ListTicketsRequest request) {
    ticket::v1::ListTicketsResponse response;
    grpc::Status status = stub_->ListTickets(Ctx(token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  TestStack stack_;
  std::unique_ptr<TicketService::Stub> stub_;
  std::string customer_, other_customer_, consultant_, admin_id_;
};

TEST_F(Tickets, TheManualsConversation) {
  Ticket ticket = Create(customer_, "Errore in archiviazione");
  EXPECT_EQ(ticket.status(), Ticket::OPEN);
  Ticket taken;
  ASSERT_TRUE(Take(consultant_, ticket.id(), &taken).ok());
  EXPECT_EQ(taken.status(), Ticket::IN_PROGRESS);
  EXPECT_TRUE(taken.has_taken_at());
  EXPECT_EQ(taken.assignee().id(), admin_id_);

  ASSERT_TRUE(Message(consultant_, ticket.id(), "Può inviarci lo screenshot?").ok());
  EXPECT_EQ(Get(customer_, ticket.id()).status(), Ticket::WAITING_CUSTOMER);
  ASSERT_TRUE(Message(customer_, ticket.id(), "Eccolo.").ok());
  EXPECT_EQ(Get(customer_, ticket.id()).status(), Ticket::IN_PROGRESS);
  ASSERT_TRUE(Message(consultant_, ticket.id(), "Risolto: riavviare il servizio.").ok());
  Ticket closed;
  ASSERT_TRUE(Close(customer_, ticket.id(), &closed).ok());
  EXPECT_EQ(closed.status(), Ticket::CLOSED);
  EXPECT_TRUE(closed.has_closed_at());

  auto messages = Messages(customer_, ticket.id());
  ASSERT_EQ(messages.messages_size(), 4);
  EXPECT_EQ(messages.messages(0).note(), "La stampa si blocca.");
  EXPECT_EQ(messages.messages(3).note(), "Risolto: riavviare il servizio.");
  EXPECT_EQ(messages.messages(1).author().role(), Person::ADMINISTRATOR);

  ticket::v1::GetHistoryRequest history_request;
  history_request.set_id(ticket.id());
  ticket::v1::GetHistoryResponse history;
  ASSERT_TRUE(stub_->GetHistory(Ctx(customer_).get(), history_request, &history).ok());
  std::vector<std::string> whats;
  for (const auto& e : history.events()) whats.push_back(e.what() + ":" + e.to());
  EXPECT_EQ(whats, (std::vector<std::string>{
                       "created:OPEN", "taken:IN_PROGRESS", "message:", "status:WAITING_CUSTOMER",
                       "message:", "status:IN_PROGRESS", "message:", "status:WAITING_CUSTOMER",
                       "status:CLOSED"}));
  EXPECT_EQ(Query("SELECT count(*) FROM ticket.outbox WHERE subject = "
                  "'helpdesk.events.v1.MessageAdded'"),
            "3");
  EXPECT_EQ(Query("SELECT count(*) FROM ticket.outbox WHERE subject = "
                  "'helpdesk.events.v1.TicketClosed'"),
            "1");
}

TEST_F(Tickets, IllegalTransitionsNameTheCurrentStatus) {
  Ticket ticket = Create(customer_, "Transizioni");
  ASSERT_TRUE(Take(consultant_, ticket.id()).ok());
  grpc::Status again = Take(consultant_, ticket.id());
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(again.error_message(), "ticket is IN_PROGRESS: it was already taken in charge");
  EXPECT_EQ(Reopen(consultant_, ticket.id()).error_message(),
            "ticket is IN_PROGRESS: only a closed ticket can be reopened");
  ASSERT_TRUE(Close(consultant_, ticket.id()).ok());
  EXPECT_EQ(Close(customer_, ticket.id()).error_message(),
            "ticket is CLOSED: it is already closed");
  grpc::Status late = Message(customer_, ticket.id(), "Ancora un problema");
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(late.error_message(),
            "ticket is CLOSED: open a new ticket, or ask a consultant to reopen this one");
  Ticket reopened;
  ASSERT_TRUE(Reopen(consultant_, ticket.id(), &reopened).ok());
  EXPECT_EQ(reopened.status(), Ticket::IN_PROGRESS);
  EXPECT_FALSE(reopened.has_closed_at());
  // Customers cannot take, reopen or write internal notes.
  EXPECT_EQ(Take(customer_, ticket.id()).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Message(customer_, ticket.id(), "x", true).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Another company's ticket does not exist for this customer.
  EXPECT_EQ(Close(other_customer_, ticket.id()).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Message(other_customer_, ticket.id(), "x").error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(Tickets, InternalNotesNeverReachCustomers) {
  Ticket ticket = Create(customer_, "Nota interna", "Problema con il protocollo");
  ASSERT_TRUE(
      Message(consultant_, ticket.id(), "Cliente moroso: sollecitare amministrazione", true).ok());
  EXPECT_EQ(Get(customer_, ticket.id()).status(), Ticket::OPEN) << "a note changes no status";
  EXPECT_EQ(Messages(customer_, ticket.id()).messages_size(), 1);
  EXPECT_EQ(Messages(consultant_, ticket.id()).messages_size(), 2);

  ticket::v1::GetHistoryRequest history_request;
  history_request.set_id(ticket.id());
  ticket::v1::GetHistoryResponse customer_history, staff_history;
  ASSERT_TRUE(stub_->GetHistory(Ctx(customer_).get(), history_request, &customer_history).ok());
  ASSERT_TRUE(stub_->GetHistory(Ctx(consultant_).get(), history_request, &staff_history).ok());
  EXPECT_EQ(customer_history.events_size() + 1, staff_history.events_size());

  // One message by id: the note for staff, NOT_FOUND for the customer, like a
  // missing id; the customer's own opening note is there for both.
  std::string note_id = Messages(consultant_, ticket.id()).messages(1).id();
  std::string opening_id = Messages(customer_, ticket.id()).messages(0).id();
  auto get_message = [&](const std::string& token, const std::string& message_id,
                         ticket::v1::Message* out) {
    ticket::v1::GetMessageRequest request;
    request.set_ticket_id(ticket.id());
    request.set_message_id(message_id);
    return stub_->GetMessage(Ctx(token).get(), request, out);
  };
  ticket::v1::Message got;
  ASSERT_TRUE(get_message(consultant_, note_id, &got).ok());
  EXPECT_TRUE(got.internal());
  EXPECT_EQ(got.note(), "Cliente moroso: sollecitare amministrazione");
  EXPECT_EQ(get_message(customer_, note_id, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(get_message(customer_, opening_id, &got).ok());
  EXPECT_EQ(got.note(), "Problema con il protocollo");
  EXPECT_EQ(get_message(customer_, "00000000-0000-4000-8000-000000000000", &got).error_code(),
            grpc::StatusCode::NOT_FOUND);

  ticket::v1::ListTicketsRequest search;
  search.set_q("moroso");
  EXPECT_EQ(List(customer_, search).tickets_size(), 0);
  EXPECT_EQ(List(consultant_, search).tickets_size(), 1);
}

TEST_F(Tickets, SearchUnderstandsItalian) {
  Create(customer_, "Errore nelle fatture di vendita");
  Create(customer_, "Stampante guasta", "Il documento di trasporto non si stampa");
  ticket::v1::ListTicketsRequest search;
  search.set_q("fattura");
  auto found = List(customer_, search);
  ASSERT_EQ(found.tickets_size(), 1);
  EXPECT_EQ(found.tickets(0).subject(), "Errore nelle fatture di vendita");
  search.set_q("stampare documenti");
  EXPECT_EQ(List(customer_, search).tickets_size(), 1) << "found through the opening message";
  search.set_q("fattura");
  EXPECT_EQ(List(other_customer_, search).tickets_size(), 0) << "another company's tickets";
}

TEST_F(Tickets, PaginationIsStableWhileNewTicketsArrive) {
  std::vector<std::string> created;
  for (int i = 0; i < 5; ++i) created.push_back(Create(customer_, "T" + std::to_string(i)).id());
  ticket::v1::ListTicketsRequest request;
  request.set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0;; ++page) {
    auto response = List(customer_, request);
    for (const auto& t : response.tickets()) seen.push_back(t.id());
    if (page == 0) Create(customer_, "Arrivato durante la paginazione");
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  std::vector<std::string> expected(created.rbegin(), created.rend());
  EXPECT_EQ(seen, expected) << "newest first, no duplicates, nothing skipped";

  request.set_page_token("not-a-token");
  ticket::v1::ListTicketsResponse response;
  grpc::Status bad = stub_->ListTickets(Ctx(customer_).get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message(), "pageToken: not a token of this list");
}

TEST_F(Tickets, ProgressiveIsGaplessUnderConcurrency) {
  const std::vector<std::string> companies = {"co-1", "co-2", "co-3"};
  std::vector<std::future<std::vector<Ticket>>> clients;
  for (int c = 0; c < 16; ++c) {
    clients.push_back(std::async(std::launch::async, [&, c] {
      std::vector<Ticket> made;
      for (int i = c; i < 200; i += 16) {
        const std::string& company = companies[i % 3];
        std::string token = stack_.MintToken(Person::CUSTOMER, "u-" + company, company);
        made.push_back(Create(token, "Concorrenza " + std::to_string(i)));
      }
      return made;
    }));
  }
  std::map<std::string, std::vector<int>> progressives;
  std::set<std::string> numbers;
  for (auto& client : clients) {
    for (const Ticket& t : client.get()) {
      progressives[t.company_id()].push_back(t.progressive());
      numbers.insert(t.number());
    }
  }
  EXPECT_EQ(numbers.size(), 200u);
  int total = 0;
  for (auto& [company, list] : progressives) {
    std::sort(list.begin(), list.end());
    for (size_t i = 0; i < list.size(); ++i) EXPECT_EQ(list[i], static_cast<int>(i) + 1) << company;
    total += static_cast<int>(list.size());
  }
  EXPECT_EQ(total, 200);
}

TEST_F(Tickets, IdempotencyKeyReturnsTheFirstTicket) {
  ticket::v1::CreateTicketRequest request;
  request.set_subject("Una volta sola");
  request.set_scope("WEB");
  request.set_topic("WEB.ALTRO");
  request.set_note("Retry dal portale");
  std::vector<std::future<std::string>> retries;
  for (int i = 0; i < 8; ++i) {
    retries.push_back(std::async(std::launch::async, [&] {
      Ticket ticket;
      grpc::Status status = stub_->CreateTicket(Ctx(customer_, "key-42").get(), request, &ticket);
      EXPECT_TRUE(status.ok()) << status.error_message();
      return ticket.id();
    }));
  }
  std::set<std::string> ids;
  for (auto& r : retries) ids.insert(r.get());
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(Query("SELECT count(*) FROM ticket.tickets"), "1");
  EXPECT_EQ(Query("SELECT last_progressive FROM ticket.company_counters WHERE company_id = 'co-1'"),
            "1");
}

TEST_F(Tickets, AssignAndPriorityChangeAreRecorded) {
  Ticket ticket = Create(customer_, "Da assegnare");
  ticket::v1::AssignTicketRequest assign;
  assign.set_id(ticket.id());
  assign.set_assignee_id(admin_id_);
  Ticket assigned;
  ASSERT_TRUE(stub_->AssignTicket(Ctx(consultant_).get(), assign, &assigned).ok());
  EXPECT_EQ(assigned.assignee().display_name(), "Amministratore");
  EXPECT_EQ(assigned.status(), Ticket::OPEN);
  assign.set_assignee_id("00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(stub_->AssignTicket(Ctx(consultant_).get(), assign, &assigned).error_message(),
            "assigneeId: unknown account");

  ticket::v1::UpdateTicketRequest update;
  update.set_id(ticket.id());
  update.set_priority(Ticket::HIGH);
  Ticket updated;
  ASSERT_TRUE(stub_->UpdateTicket(Ctx(consultant_).get(), update, &updated).ok());
  EXPECT_EQ(updated.priority(), Ticket::HIGH);
  // The due moves earlier, recomputed from the creation time (4 h → 2 h of
  // business time).
  ASSERT_TRUE(ticket.has_sla_due_at());
  auto calendar = calendar::Calendar::Create(calendar::CalendarSpec{});
  ASSERT_TRUE(calendar.ok());
  absl::Time created = absl::FromUnixSeconds(ticket.created_at().seconds()) +
                       absl::Nanoseconds(ticket.created_at().nanos());
  auto expected = sla_policy::ComputeTicketDue(*calendar, sla_policy::DefaultPolicy(), created,
                                               sla_policy::Priority::kMedium, false);
  EXPECT_EQ(absl::FromUnixSeconds(ticket.sla_due_at().seconds()) +
                absl::Nanoseconds(ticket.sla_due_at().nanos()),
            expected.sla_due_at);
  EXPECT_LT(updated.sla_due_at().seconds(), ticket.sla_due_at().seconds());
  EXPECT_FALSE(updated.has_on_site_due_at());
  EXPECT_EQ(Query("SELECT from_value || '>' || to_value FROM ticket.ticket_history "
                  "WHERE what = 'priority'"),
            "MEDIUM>HIGH");
}

TEST_F(Tickets, WorkLogIsPricedInTheMonthlyReport) {
  Ticket ticket = Create(customer_, "Intervento da fatturare");
  auto add = [&](ticket::v1::WorkLogEntry::ServiceType type, const char* start, int minutes,
                 bool on_site = false) {
    ticket::v1::AddWorkLogEntryRequest request;
    request.set_id(ticket.id());
    request.set_service_type(type);
    google::protobuf::util::TimeUtil::FromString(start, request.mutable_start());
    request.set_duration_minutes(minutes);
    request.set_on_site(on_site);
    ticket::v1::WorkLogEntry entry;
    return stub_->AddWorkLogEntry(Ctx(consultant_).get(), request, &entry);
  };
  // Tue 2025-06-17, 10:00 and 11:00 in Rome: 10 + 25 minutes of first and
  // second level, over the 15-minute allowance, so all billable.
  ASSERT_TRUE(add(ticket::v1::WorkLogEntry::SAT, "2025-06-17T08:00:00Z", 10).ok());
  ASSERT_TRUE(add(ticket::v1::WorkLogEntry::STA, "2025-06-17T09:00:00Z", 25).ok());
  grpc::Status overlap = add(ticket::v1::WorkLogEntry::SAD, "2025-06-17T09:10:00Z", 60);
  EXPECT_EQ(overlap.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(overlap.error_message(), "start: overlaps another entry of yours");
  EXPECT_EQ(add(ticket::v1::WorkLogEntry::SAT, "2025-06-18T08:00:00Z", 10, true).error_message(),
            "onSite: only S.A.D. (SAD) work is on site");
  EXPECT_EQ(add(ticket::v1::WorkLogEntry::SAT, "2099-06-18T08:00:00Z", 10).error_message(),
            "end: must not be in the future");

  ticket::v1::GetBillingReportRequest report_request;
  report_request.set_company_id("co-1");
  report_request.set_month("2025-06");
  ticket::v1::BillingReport report;
  ASSERT_TRUE(stub_->GetBillingReport(Ctx(consultant_).get(), report_request, &report).ok());
  ASSERT_EQ(report.tickets_size(), 1);
  ASSERT_EQ(report.tickets(0).entries_size(), 2);
  EXPECT_EQ(report.tickets(0).number(), ticket.number());
  EXPECT_EQ(report.tickets(0).entries(0).billable_minutes(), 15);
  EXPECT_EQ(report.tickets(0).entries(0).amount_cents(), 1500);
  EXPECT_EQ(report.tickets(0).entries(1).billable_minutes(), 30);
  EXPECT_EQ(report.tickets(0).entries(1).amount_cents(), 3000);
  EXPECT_EQ(report.total_cents(), 4500);
  report_request.set_month("2025-07");
  ASSERT_TRUE(stub_->GetBillingReport(Ctx(consultant_).get(), report_request, &report).ok());
  EXPECT_EQ(report.tickets_size(), 0);
  EXPECT_EQ(report.total_cents(), 0);

  // A quote of SPEC §5's example: S.A.D. remote, Tue 18:00–19:00 in Rome.
  ticket::v1::QuoteBillingRequest quote;
  quote.set_hourly_rate_cents(6000);
  auto* q = quote.add_entries();
  q->set_service_type(ticket::v1::WorkLogEntry::SAD);
  google::protobuf::util::TimeUtil::FromString("2025-06-17T16:00:00Z", q->mutable_start());
  google::protobuf::util::TimeUtil::FromString("2025-06-17T17:00:00Z", q->mutable_end());
  ticket::v1::QuoteBillingResponse priced;
  ASSERT_TRUE(stub_->QuoteBilling(Ctx(consultant_).get(), quote, &priced).ok());
  EXPECT_EQ(priced.total_cents(), 7500);
  EXPECT_EQ(priced.entries(0).normal_minutes(), 30);
  EXPECT_EQ(priced.entries(0).out_of_hours_minutes(), 30);
}

TEST_F(Tickets, CatalogListsTheManualsScopes) {
  ticket::v1::ListScopesResponse scopes;
  ASSERT_TRUE(stub_->ListScopes(Ctx(customer_).get(), {}, &scopes).ok());
  ASSERT_EQ(scopes.scopes_size(), 8);
  EXPECT_EQ(scopes.scopes(0).code(), "HYPERGEST");
  EXPECT_EQ(scopes.scopes(0).topics_size(), 11);
  EXPECT_EQ(scopes.scopes(1).name(), "X-CROSS ERP");
  EXPECT_EQ(scopes.scopes(7).name(), "Servizi GDPR Privacy e Cybersecurity");
}

}  // namespace
}  // namespace helpdesk
