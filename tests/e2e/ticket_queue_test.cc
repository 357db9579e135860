// The consultants' queue by take-in-charge due (ListTickets orderBy=slaDue,
// slaState, slaRemainingMinutes) with its index checked by EXPLAIN, and the
// administrators' catalog RPCs, over gRPC and through the gateway.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "services/ticket/sql.h"
#include "tests/support/http_client.h"
#include "tests/support/stack.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using json = nlohmann::json;
using testing::Http;
using testing::HttpResponse;
using testing::TestStack;
using ticket::v1::Ticket;
using ticket::v1::TicketService;

class TicketQueue : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_.Start({"ticket", "gateway"}).ok());
    stub_ = TicketService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
    Exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) VALUES "
        "('co-1', 'Uno S.r.l.', true, true), ('co-2', 'Due S.r.l.', true, true)");
    customer_ = stack_.MintToken(Person::CUSTOMER, "cust-1", "co-1", "Uno S.r.l.");
    other_customer_ = stack_.MintToken(Person::CUSTOMER, "cust-2", "co-2", "Due S.r.l.");
    consultant_ = stack_.MintToken(Person::CONSULTANT, "staff-1", "", "Consulente");
    admin_ = stack_.MintToken(Person::ADMINISTRATOR, "admin-1", "", "Amministratore");
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

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    context->AddMetadata("authorization", "Bearer " + token);
    return context;
  }

  Ticket Create(const std::string& token, const std::string& subject,
                Ticket::Priority priority = Ticket::MEDIUM, const std::string& scope = "ARXIVAR",
                const std::string& topic = "ARXIVAR.WORKFLOW") {
    ticket::v1::CreateTicketRequest request;
    request.set_subject(subject);
    request.set_priority(priority);
    request.set_scope(scope);
    request.set_topic(topic);
    request.set_note("Nota.");
    Ticket ticket;
    grpc::Status status = stub_->CreateTicket(Ctx(token).get(), request, &ticket);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ticket;
  }

  grpc::Status List(const std::string& token, const ticket::v1::ListTicketsRequest& request,
                    ticket::v1::ListTicketsResponse* response) {
    return stub_->ListTickets(Ctx(token).get(), request, response);
  }

  // Every page of the queue, as subjects in order.
  std::vector<std::string> Queue(ticket::v1::ListTicketsRequest request, int page_size) {
    request.set_order_by("slaDue");
    request.set_page_size(page_size);
    std::vector<std::string> subjects;
    for (int pages = 0; pages < 20; ++pages) {
      ticket::v1::ListTicketsResponse page;
      grpc::Status status = List(consultant_, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const Ticket& t : page.tickets()) subjects.push_back(t.subject());
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return subjects;
  }

  // Sets a ticket's take-in-charge due `hours` from a fixed instant (from
  // now for `from_now`), so equal hours are equal dues.
  void SetDue(const Ticket& t, int hours, bool from_now = false) {
    Exec(absl::StrCat("UPDATE ticket.tickets SET sla_due_at = ",
                      from_now ? "now()" : "timestamptz '2026-11-20 12:00:00+00'", " + interval '",
                      hours, " hours' WHERE id = '", t.id(), "'"));
  }

  HttpResponse Call(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body = "") {
    return Http(method, stack_.http_base() + path, body, {{"Authorization", "Bearer " + token}});
  }
  static json Parse(const HttpResponse& r) {
    json body = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << r.body;
    return body;
  }

  TestStack stack_;
  std::unique_ptr<TicketService::Stub> stub_;
  std::string customer_, other_customer_, consultant_, admin_;
};

TEST_F(TicketQueue, OrderBySlaDue_OpenTicketsSoonestDueFirstAcrossStablePages) {
  Ticket a = Create(customer_, "a"), b = Create(customer_, "b"), c = Create(other_customer_, "c");
  Ticket d = Create(customer_, "d", Ticket::HIGH), e = Create(other_customer_, "e", Ticket::HIGH);
  Ticket taken = Create(customer_, "taken"), closed = Create(customer_, "closed");
  SetDue(a, 30);
  SetDue(b, -5);  // late
  SetDue(c, 10);
  SetDue(d, 20);
  SetDue(e, 20);  // same due as d: the id decides
  SetDue(taken, -50);
  SetDue(closed, -60);
  ticket::v1::TakeTicketRequest take;
  take.set_id(taken.id());
  Ticket out;
  ASSERT_TRUE(stub_->TakeTicket(Ctx(consultant_).get(), take, &out).ok());
  ticket::v1::CloseTicketRequest close;
  close.set_id(closed.id());
  ASSERT_TRUE(stub_->CloseTicket(Ctx(customer_).get(), close, &out).ok());

  std::vector<std::string> de =
      d.id() < e.id() ? std::vector<std::string>{"d", "e"} : std::vector<std::string>{"e", "d"};
  std::vector<std::string> expected = {"b", "c", de[0], de[1], "a"};
  EXPECT_EQ(Queue({}, 2), expected);
  EXPECT_EQ(Queue({}, 50), expected);

  // Tickets arriving between pages never repeat or skip one already listed.
  ticket::v1::ListTicketsRequest request;
  request.set_order_by("slaDue");
  request.set_page_size(2);
  ticket::v1::ListTicketsResponse first;
  ASSERT_TRUE(List(consultant_, request, &first).ok());
  Ticket late = Create(customer_, "late");
  SetDue(late, -100);  // sorts before the page already read
  request.set_page_token(first.next_page_token());
  ticket::v1::ListTicketsResponse second;
  ASSERT_TRUE(List(consultant_, request, &second).ok());
  ASSERT_EQ(second.tickets_size(), 2);
  EXPECT_EQ(second.tickets(0).subject(), de[0]);

  // The staff filters apply to the queue.
  ticket::v1::ListTicketsRequest company;
  company.set_company_id("co-2");
  EXPECT_EQ(Queue(company, 1), (std::vector<std::string>{"c", "e"}));
  ticket::v1::ListTicketsRequest high;
  high.set_priority(Ticket::HIGH);
  EXPECT_EQ(Queue(high, 1), de);
  // Assigning needs the identity service: set directly.
  Exec(absl::StrCat(
      "UPDATE ticket.tickets SET assignee_id = 'staff-1', assignee_name = 'Consulente', "
      "assignee_role = 'CONSULTANT' WHERE id = '",
      c.id(), "'"));
  ticket::v1::ListTicketsRequest unassigned;
  unassigned.set_unassigned(true);
  EXPECT_EQ(Queue(unassigned, 3), (std::vector<std::string>{"late", "b", de[0], de[1], "a"}));
  ticket::v1::ListTicketsRequest mine;
  mine.set_assignee_id("staff-1");
  EXPECT_EQ(Queue(mine, 3), (std::vector<std::string>{"c"}));
}

TEST_F(TicketQueue, TicketsShowTheirSlaStateAndRemainingBusinessMinutes) {
  Ticket fresh = Create(customer_, "fresh", Ticket::LOW);
  EXPECT_EQ(fresh.sla_state(), Ticket::OK);
  EXPECT_GT(fresh.sla_remaining_minutes(), 0);
  EXPECT_LE(fresh.sla_remaining_minutes(), 16 * 60);

  Ticket late = Create(customer_, "late");
  Exec(absl::StrCat("UPDATE ticket.tickets SET sla_due_at = now() - interval '7 days' WHERE id = '",
                    late.id(), "'"));
  ticket::v1::GetTicketRequest get;
  get.set_id(late.id());
  Ticket read;
  ASSERT_TRUE(stub_->GetTicket(Ctx(consultant_).get(), get, &read).ok());
  EXPECT_EQ(read.sla_state(), Ticket::BREACHED);
  // At least the 5 working days of a week, 8 hours each, late.
  EXPECT_LE(read.sla_remaining_minutes(), -5 * 8 * 60 + 8 * 60);

  ticket::v1::TakeTicketRequest take;
  take.set_id(fresh.id());
  Ticket taken;
  ASSERT_TRUE(stub_->TakeTicket(Ctx(consultant_).get(), take, &taken).ok());
  EXPECT_EQ(taken.sla_state(), Ticket::MET);
  EXPECT_NEAR(taken.sla_remaining_minutes(), fresh.sla_remaining_minutes(), 2);
}

TEST_F(TicketQueue, OrderBySlaDue_BadInputNamesTheField) {
  ticket::v1::ListTicketsRequest request;
  ticket::v1::ListTicketsResponse response;
  request.set_order_by("due");
  grpc::Status status = List(consultant_, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "orderBy: must be createdAt or slaDue");

  request.set_order_by("slaDue");
  request.set_status(Ticket::CLOSED);
  status = List(consultant_, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().substr(0, 8), "status: ");

  // A token of the newest-first list is not one of the queue, and back.
  for (int i = 0; i < 3; ++i) Create(customer_, absl::StrCat("t", i));
  ticket::v1::ListTicketsRequest newest;
  newest.set_page_size(1);
  ASSERT_TRUE(List(consultant_, newest, &response).ok());
  request.clear_status();
  request.set_page_token(response.next_page_token());
  status = List(consultant_, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "pageToken: not a token of this list");
  request.set_page_token("");
  request.set_page_size(1);
  ASSERT_TRUE(List(consultant_, request, &response).ok());
  newest.set_page_token(response.next_page_token());
  status = List(consultant_, newest, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // A customer's orderBy is ignored: its list stays its company's, newest first.
  ticket::v1::ListTicketsRequest mine;
  mine.set_order_by("slaDue");
  ASSERT_TRUE(List(customer_, mine, &response).ok());
  ASSERT_EQ(response.tickets_size(), 3);
  EXPECT_EQ(response.tickets(0).subject(), "t2");
}

// The plan of the queue with 1,000 OPEN tickets among 100,000: the partial
// index of the OPEN tickets read in order (no sort) for the plain queue, the
// unassigned ones and a later page; the per-company partial index for one
// company's queue.
TEST_F(TicketQueue, OrderBySlaDue_ReadsThePartialIndexInOrder) {
  Exec(R"SQL(
INSERT INTO ticket.tickets (id, company_id, progressive, subject, priority, scope, status, channel,
                            published_by_id, published_by_name, published_by_role, created_at,
                            sla_due_at, closed_at)
SELECT gen_random_uuid(), 'co-' || (i % 50), i, 'ticket ' || i, 'MEDIUM', 'ARXIVAR',
       CASE WHEN i % 100 = 0 THEN 'OPEN' ELSE 'CLOSED' END, 'PORTAL', 'cust', 'Cliente', 'CUSTOMER',
       now() - i * interval '1 minute', now() - i * interval '1 minute' + interval '4 hours',
       CASE WHEN i % 100 = 0 THEN NULL ELSE now() END
FROM generate_series(1, 100000) AS i)SQL");
  Exec("ANALYZE ticket.tickets");

  auto plan = [&](const std::string& company, bool unassigned, const std::string& due,
                  const std::string& token) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::work tx(conn);
    tx.exec("SET search_path = ticket");
    std::string text;
    for (const auto& r : tx.exec_params(std::string("EXPLAIN ") + ticket::sql::kListBySlaDue,
                                        company, "", "", "", unassigned, "", due,
                                        "00000000-0000-0000-0000-000000000000", token, true, 51)) {
      text += r[0].as<std::string>() + "\n";
    }
    return text;
  };
  for (const std::string& p : {plan("", false, "-infinity", ""), plan("", true, "-infinity", ""),
                               plan("", false, "2026-11-26 10:00:00.000000+00", "x")}) {
    EXPECT_NE(p.find("Index Scan using tickets_open_sla_due"), std::string::npos) << p;
    EXPECT_EQ(p.find("Sort"), std::string::npos) << p;
    EXPECT_EQ(p.find("Seq Scan on tickets"), std::string::npos) << p;
  }
  // One company's open tickets (about 20 here) come from their own index;
  // sorting that handful is what the planner prefers.
  const std::string company = plan("co-0", false, "-infinity", "");
  EXPECT_NE(company.find("tickets_open_company_sla_due"), std::string::npos) << company;
  EXPECT_EQ(company.find("Seq Scan on tickets"), std::string::npos) << company;
}

TEST_F(TicketQueue, OrderBySlaDue_OverHttp) {
  Ticket a = Create(customer_, "a"), b = Create(customer_, "b");
  SetDue(a, 5, true);
  SetDue(b, -5, true);
  HttpResponse r =
      Call("GET", "/v1/tickets?orderBy=slaDue&unassigned=true&pageSize=1", consultant_);
  ASSERT_EQ(r.status, 200) << r.body;
  json page = Parse(r);
  ASSERT_EQ(page["tickets"].size(), 1u);
  EXPECT_EQ(page["tickets"][0]["subject"], "b");
  EXPECT_EQ(page["tickets"][0]["slaState"], "BREACHED");
  EXPECT_TRUE(page["tickets"][0]["slaRemainingMinutes"].is_number());
  EXPECT_LE(page["tickets"][0]["slaRemainingMinutes"].get<int>(), 0);
  std::string token = page["nextPageToken"];
  r = Call("GET", "/v1/tickets?orderBy=slaDue&unassigned=true&pageSize=1&pageToken=" + token,
           consultant_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Parse(r)["tickets"][0]["subject"], "a");
  EXPECT_EQ(Parse(r)["nextPageToken"], "");

  r = Call("GET", "/v1/tickets?orderBy=priority", consultant_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Parse(r)["message"], "orderBy: must be createdAt or slaDue");
}

// --- The catalog, for administrators ---

TEST_F(TicketQueue, Catalog_AdministratorsAddRenameAndRetire) {
  ticket::v1::CreateScopeRequest scope;
  scope.set_code("ZUCCHETTI");
  scope.set_name("  Zucchetti HR ");
  ticket::v1::Scope created;
  grpc::Status status = stub_->CreateScope(Ctx(admin_).get(), scope, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.code(), "ZUCCHETTI");
  EXPECT_EQ(created.name(), "Zucchetti HR");
  EXPECT_TRUE(created.active());

  ticket::v1::CreateTopicRequest topic;
  topic.set_scope("ZUCCHETTI");
  topic.set_code("ZUCCHETTI.PAGHE");
  topic.set_name("Paghe");
  ticket::v1::Topic made;
  status = stub_->CreateTopic(Ctx(admin_).get(), topic, &made);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(made.code(), "ZUCCHETTI.PAGHE");

  // Customers see it at once, and open tickets with it.
  ticket::v1::ListScopesResponse catalog;
  ASSERT_TRUE(
      stub_->ListScopes(Ctx(customer_).get(), ticket::v1::ListScopesRequest(), &catalog).ok());
  ASSERT_EQ(catalog.scopes(catalog.scopes_size() - 1).code(), "ZUCCHETTI");
  EXPECT_EQ(catalog.scopes(catalog.scopes_size() - 1).topics(0).name(), "Paghe");
  Ticket old = Create(customer_, "Cedolini", Ticket::MEDIUM, "ZUCCHETTI", "ZUCCHETTI.PAGHE");
  ASSERT_FALSE(old.id().empty());

  // Renamed, then retired: gone from the catalog and from new tickets; the
  // old ticket keeps showing it.
  ticket::v1::UpdateTopicRequest rename;
  rename.set_code("ZUCCHETTI.PAGHE");
  rename.set_name("Paghe e stipendi");
  ASSERT_TRUE(stub_->UpdateTopic(Ctx(admin_).get(), rename, &made).ok());
  EXPECT_EQ(made.name(), "Paghe e stipendi");
  ticket::v1::UpdateScopeRequest retire;
  retire.set_code("ZUCCHETTI");
  retire.set_active(false);
  ASSERT_TRUE(stub_->UpdateScope(Ctx(admin_).get(), retire, &created).ok());
  EXPECT_FALSE(created.active());
  EXPECT_EQ(created.name(), "Zucchetti HR");
  ASSERT_TRUE(
      stub_->ListScopes(Ctx(customer_).get(), ticket::v1::ListScopesRequest(), &catalog).ok());
  for (const auto& s : catalog.scopes()) EXPECT_NE(s.code(), "ZUCCHETTI");
  ticket::v1::ListScopesRequest all;
  all.set_include_retired(true);
  ASSERT_TRUE(stub_->ListScopes(Ctx(admin_).get(), all, &catalog).ok());
  EXPECT_EQ(catalog.scopes(catalog.scopes_size() - 1).code(), "ZUCCHETTI");

  ticket::v1::CreateTicketRequest refused;
  refused.set_subject("Nuovo");
  refused.set_scope("ZUCCHETTI");
  refused.set_topic("ZUCCHETTI.PAGHE");
  refused.set_note("Nota.");
  Ticket none;
  status = stub_->CreateTicket(Ctx(customer_).get(), refused, &none);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().substr(0, 7), "scope: ");

  ticket::v1::GetTicketRequest get;
  get.set_id(old.id());
  Ticket read;
  ASSERT_TRUE(stub_->GetTicket(Ctx(customer_).get(), get, &read).ok());
  EXPECT_EQ(read.scope_name(), "Zucchetti HR");
  EXPECT_EQ(read.topic_name(), "Paghe e stipendi");

  // Restored, and a retired topic alone is refused with the topic named.
  retire.set_active(true);
  ASSERT_TRUE(stub_->UpdateScope(Ctx(admin_).get(), retire, &created).ok());
  ticket::v1::UpdateTopicRequest retire_topic;
  retire_topic.set_code("ZUCCHETTI.PAGHE");
  retire_topic.set_active(false);
  ASSERT_TRUE(stub_->UpdateTopic(Ctx(admin_).get(), retire_topic, &made).ok());
  status = stub_->CreateTicket(Ctx(customer_).get(), refused, &none);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "topic: unknown topic \"ZUCCHETTI.PAGHE\"");

  // Every change is recorded, each with an event.
  EXPECT_EQ(Query("SELECT string_agg(what, ',' ORDER BY id) FROM ticket.catalog_history"),
            "created,created,renamed,retired,restored,retired");
  EXPECT_EQ(Query("SELECT count(*) FROM ticket.outbox "
                  "WHERE subject = 'helpdesk.events.v1.CatalogChanged'"),
            "6");
}

TEST_F(TicketQueue, Catalog_CodesAreUniqueAndShapedLikeTheSeededOnes) {
  auto create_scope = [&](const std::string& code, const std::string& name) {
    ticket::v1::CreateScopeRequest request;
    request.set_code(code);
    request.set_name(name);
    ticket::v1::Scope out;
    return stub_->CreateScope(Ctx(admin_).get(), request, &out);
  };
  auto create_topic = [&](const std::string& scope, const std::string& code) {
    ticket::v1::CreateTopicRequest request;
    request.set_scope(scope);
    request.set_code(code);
    request.set_name("Nome");
    ticket::v1::Topic out;
    return stub_->CreateTopic(Ctx(admin_).get(), request, &out);
  };
  grpc::Status status = create_scope("HYPERGEST", "Altro");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(status.error_message(), "code: \"HYPERGEST\" is already used in the catalog");
  status = create_topic("HYPERGEST", "HYPERGEST.IVA");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  status = create_topic("HYPERGEST", "XCROSS_ERP.IVA");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "code: must start with its scope's code: \"HYPERGEST.…\"");
  status = create_topic("NESSUNO", "NESSUNO.X");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = create_scope("x-cross", "X");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().substr(0, 6), "code: ");
  status = create_scope("NUOVO", " ");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "name: required");

  ticket::v1::UpdateScopeRequest rename;
  rename.set_code("HYPERGEST");
  rename.set_name("");
  ticket::v1::Scope out;
  status = stub_->UpdateScope(Ctx(admin_).get(), rename, &out);
  EXPECT_EQ(status.error_message(), "name: required");
  rename.set_code("NESSUNO");
  rename.set_name("Nessuno");
  EXPECT_EQ(stub_->UpdateScope(Ctx(admin_).get(), rename, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ticket::v1::UpdateTopicRequest topic;
  topic.set_code("HYPERGEST.NESSUNO");
  topic.set_active(false);
  ticket::v1::Topic t;
  EXPECT_EQ(stub_->UpdateTopic(Ctx(admin_).get(), topic, &t).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Administrators only; nothing was written by the refusals.
  EXPECT_EQ(stub_->CreateScope(Ctx(consultant_).get(), ticket::v1::CreateScopeRequest(), &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Query("SELECT count(*) FROM ticket.catalog_history"), "0");
}

TEST_F(TicketQueue, Catalog_OverHttp) {
  HttpResponse r =
      Call("POST", "/v1/scopes", admin_, R"({"code":"TEAMSYSTEM","name":"TeamSystem"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Parse(r)["code"], "TEAMSYSTEM");
  EXPECT_EQ(Parse(r)["active"], true);
  EXPECT_TRUE(Parse(r)["topics"].is_array());
  r = Call("POST", "/v1/scopes/TEAMSYSTEM/topics", admin_,
           R"({"code":"TEAMSYSTEM.LYNFA","name":"Lynfa"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Parse(r)["name"], "Lynfa");
  r = Call("PATCH", "/v1/topics/TEAMSYSTEM.LYNFA", admin_, R"({"name":"Lynfa Studio"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Parse(r)["name"], "Lynfa Studio");
  EXPECT_EQ(Parse(r)["active"], true);
  r = Call("PATCH", "/v1/scopes/TEAMSYSTEM", admin_, R"({"active":false})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Parse(r)["active"], false);
  EXPECT_EQ(Parse(r)["topics"][0]["code"], "TEAMSYSTEM.LYNFA");
  r = Call("GET", "/v1/scopes", customer_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("TEAMSYSTEM"), std::string::npos);

  r = Call("POST", "/v1/scopes", admin_, R"({"code":"TEAMSYSTEM","name":"TeamSystem"})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Parse(r)["message"], "code: \"TEAMSYSTEM\" is already used in the catalog");
  r = Call("POST", "/v1/scopes", admin_, R"({"code":"NUOVO"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Parse(r)["message"], "name: required");
  EXPECT_EQ(Call("POST", "/v1/scopes", consultant_, R"({"code":"NUOVO","name":"N"})").status, 403);
  EXPECT_EQ(Call("POST", "/v1/scopes", customer_, R"({"code":"NUOVO","name":"N"})").status, 403);
  EXPECT_EQ(Call("PATCH", "/v1/scopes/NESSUNO", admin_, R"({"name":"N"})").status, 404);
}

}  // namespace
}  // namespace helpdesk
