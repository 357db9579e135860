// The work log edited and deleted by its author, and months closed for
// billing (docs/billing.md), against the ticket service as a process over
// real PostgreSQL: the rules of adding apply to a change, a closed month
// freezes its entries, a closing and a change of the same company never
// interleave, and the routes answer through the gateway.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include <future>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "tests/e2e/api_flows.h"
#include "tests/support/stack.h"
#include "tests/support/wait.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using google::protobuf::util::TimeUtil;
using testing::TestStack;
using ticket::v1::Ticket;
using ticket::v1::TicketService;
using ticket::v1::WorkLogEntry;

google::protobuf::Timestamp At(const std::string& rfc3339) {
  google::protobuf::Timestamp t;
  EXPECT_TRUE(TimeUtil::FromString(rfc3339, &t)) << rfc3339;
  return t;
}

class WorkLog : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_
                    .Start({"identity", "ticket", "gateway"},
                           {{"HELPDESK_ADMIN_PASSWORD", testing::kAdminPassword}})
                    .ok());
    stub_ = TicketService::NewStub(
        grpc::CreateChannel(stack_.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
    Exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) VALUES "
        "('co-1', 'Uno S.r.l.', true, true), ('co-2', 'Due S.r.l.', true, true)");
    customer_ = stack_.MintToken(Person::CUSTOMER, "cust-1", "co-1", "Uno S.r.l.");
    other_customer_ = stack_.MintToken(Person::CUSTOMER, "cust-2", "co-2", "Due S.r.l.");
    mario_ = stack_.MintToken(Person::CONSULTANT, "cons-mario", "", "Mario Rossi");
    luca_ = stack_.MintToken(Person::CONSULTANT, "cons-luca", "", "Luca Bianchi");
    admin_ = stack_.MintToken(Person::ADMINISTRATOR, "adm-1", "", "Amministratore");
  }

  void Exec(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
  }
  int64_t Count(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<int64_t>();
  }

  static std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    context->AddMetadata("authorization", "Bearer " + token);
    return context;
  }

  Ticket Create(const std::string& token, const std::string& subject) {
    ticket::v1::CreateTicketRequest request;
    request.set_subject(subject);
    request.set_scope("ARXIVAR");
    request.set_topic("ARXIVAR.WORKFLOW");
    request.set_note("Richiesta");
    Ticket ticket;
    grpc::Status status = stub_->CreateTicket(Ctx(token).get(), request, &ticket);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ticket;
  }

  grpc::Status Add(const std::string& token, const std::string& ticket_id,
                   WorkLogEntry::ServiceType type, const std::string& start, int minutes,
                   WorkLogEntry* out = nullptr) {
    ticket::v1::AddWorkLogEntryRequest request;
    request.set_id(ticket_id);
    request.set_service_type(type);
    *request.mutable_start() = At(start);
    request.set_duration_minutes(minutes);
    request.set_description("Intervento");
    WorkLogEntry entry;
    return stub_->AddWorkLogEntry(Ctx(token).get(), request, out ? out : &entry);
  }

  WorkLogEntry Added(const std::string& token, const std::string& ticket_id,
                     WorkLogEntry::ServiceType type, const std::string& start, int minutes) {
    WorkLogEntry entry;
    grpc::Status status = Add(token, ticket_id, type, start, minutes, &entry);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return entry;
  }

  grpc::Status Update(const std::string& token, ticket::v1::UpdateWorkLogEntryRequest request,
                      WorkLogEntry* out = nullptr) {
    WorkLogEntry entry;
    return stub_->UpdateWorkLogEntry(Ctx(token).get(), request, out ? out : &entry);
  }
  static ticket::v1::UpdateWorkLogEntryRequest Change(const WorkLogEntry& entry) {
    ticket::v1::UpdateWorkLogEntryRequest request;
    request.set_ticket_id(entry.ticket_id());
    request.set_entry_id(entry.id());
    return request;
  }

  grpc::Status Delete(const std::string& token, const WorkLogEntry& entry) {
    ticket::v1::DeleteWorkLogEntryRequest request;
    request.set_ticket_id(entry.ticket_id());
    request.set_entry_id(entry.id());
    ticket::v1::DeleteWorkLogEntryResponse response;
    return stub_->DeleteWorkLogEntry(Ctx(token).get(), request, &response);
  }

  grpc::Status Close(const std::string& token, const std::string& company, const std::string& month,
                     ticket::v1::BillingReport* out = nullptr) {
    ticket::v1::CloseBillingMonthRequest request;
    request.set_company_id(company);
    request.set_month(month);
    ticket::v1::BillingReport report;
    return stub_->CloseBillingMonth(Ctx(token).get(), request, out ? out : &report);
  }

  ticket::v1::BillingReport Report(const std::string& company, const std::string& month) {
    ticket::v1::GetBillingReportRequest request;
    request.set_company_id(company);
    request.set_month(month);
    ticket::v1::BillingReport report;
    grpc::Status status = stub_->GetBillingReport(Ctx(mario_).get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  ticket::v1::ListWorkLogResponse List(const std::string& ticket_id) {
    ticket::v1::ListWorkLogRequest request;
    request.set_id(ticket_id);
    ticket::v1::ListWorkLogResponse response;
    EXPECT_TRUE(stub_->ListWorkLog(Ctx(mario_).get(), request, &response).ok());
    return response;
  }

  TestStack stack_;
  std::unique_ptr<TicketService::Stub> stub_;
  std::string customer_, other_customer_, mario_, luca_, admin_;
};

TEST_F(WorkLog, UpdateWorkLogEntry_ByItsAuthorWithTheRulesOfAdding) {
  Ticket ticket = Create(customer_, "Consulenza");
  // Entries before the ticket was opened are fine (work done by phone first).
  WorkLogEntry entry = Added(mario_, ticket.id(), WorkLogEntry::SAD, "2025-06-17T08:00:00Z", 60);
  WorkLogEntry other = Added(mario_, ticket.id(), WorkLogEntry::STA, "2025-06-17T10:00:00Z", 30);

  // Only the description given: everything else kept.
  auto request = Change(entry);
  request.set_description("Aggiornamento della procedura");
  WorkLogEntry updated;
  grpc::Status status = Update(mario_, request, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.id(), entry.id());
  EXPECT_EQ(updated.service_type(), WorkLogEntry::SAD);
  EXPECT_EQ(updated.start(), entry.start());
  EXPECT_EQ(updated.end(), entry.end());
  EXPECT_EQ(updated.description(), "Aggiornamento della procedura");
  EXPECT_EQ(updated.consultant().id(), "cons-mario");

  // Moved by 30 minutes: it overlaps its old self, which does not count.
  request = Change(entry);
  *request.mutable_start() = At("2025-06-17T08:30:00Z");
  request.set_duration_minutes(60);
  ASSERT_TRUE(Update(mario_, request, &updated).ok());
  EXPECT_EQ(updated.end(), At("2025-06-17T09:30:00Z"));
  // Onto the other entry of the same consultant: refused.
  request.set_duration_minutes(120);
  status = Update(mario_, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "start: overlaps another entry of yours");

  // The rules of adding.
  request = Change(entry);
  const absl::Time minute = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) / 60 * 60);
  *request.mutable_start() =
      At(absl::FormatTime(absl::RFC3339_sec, minute - absl::Hours(1), absl::UTCTimeZone()));
  *request.mutable_end() =
      At(absl::FormatTime(absl::RFC3339_sec, minute + absl::Hours(1), absl::UTCTimeZone()));
  status = Update(mario_, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "end: must not be in the future");
  request = Change(other);
  request.set_on_site(true);
  EXPECT_EQ(Update(mario_, request).error_message(), "onSite: only S.A.D. (SAD) work is on site");
  request = Change(entry);
  *request.mutable_end() = At("2025-06-17T08:00:00Z");
  EXPECT_EQ(Update(mario_, request).error_message(), "end: must be after start");

  // Somebody else's entry, even an administrator's try: 403.
  request = Change(entry);
  request.set_description("Non mia");
  status = Update(luca_, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(),
            "entryId: only the consultant who logged the entry may change or delete it");
  EXPECT_EQ(Update(admin_, request).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Delete(luca_, entry).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // A customer never reaches it.
  EXPECT_EQ(Update(customer_, request).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // Unknown entry, or an entry named under another ticket: 404.
  Ticket second = Create(customer_, "Altro");
  request.set_ticket_id(second.id());
  status = Update(mario_, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "work-log entry not found");
  request.set_ticket_id(ticket.id());
  request.set_entry_id("00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(Update(mario_, request).error_code(), grpc::StatusCode::NOT_FOUND);
  request.set_entry_id("not-an-id");
  EXPECT_EQ(Update(mario_, request).error_code(), grpc::StatusCode::NOT_FOUND);

  // The changes are in the ticket's history (staff only), then the deletion.
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM ticket.ticket_history WHERE ticket_id = '",
                               ticket.id(), "' AND what = 'worklog' AND internal")),
            4);  // two added, the description changed, the entry moved
  ASSERT_TRUE(Delete(mario_, other).ok());
  EXPECT_EQ(Delete(mario_, other).error_code(), grpc::StatusCode::NOT_FOUND);
  ticket::v1::ListWorkLogResponse left = List(ticket.id());
  ASSERT_EQ(left.entries_size(), 1);
  EXPECT_EQ(left.entries(0).id(), entry.id());
  EXPECT_EQ(Count(absl::StrCat("SELECT count(*) FROM ticket.ticket_history WHERE ticket_id = '",
                               ticket.id(), "' AND what = 'worklog' AND to_value = '' AND ",
                               "from_value = 'STA 2025-06-17T10:00:00Z/2025-06-17T10:30:00Z'")),
            1);
}

TEST_F(WorkLog, CloseBillingMonth_FreezesTheMonthsWorkLog) {
  Ticket ticket = Create(customer_, "Da fatturare");
  WorkLogEntry june = Added(mario_, ticket.id(), WorkLogEntry::SAD, "2025-06-17T08:00:00Z", 60);
  WorkLogEntry july = Added(mario_, ticket.id(), WorkLogEntry::SAD, "2025-07-01T08:00:00Z", 60);
  EXPECT_FALSE(Report("co-1", "2025-06").closed());

  // Administrators only; a month that has ended; a known company.
  EXPECT_EQ(Close(mario_, "co-1", "2025-06").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  absl::TimeZone rome;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Rome", &rome));
  const std::string this_month = absl::FormatTime("%Y-%m", absl::Now(), rome);
  grpc::Status status = Close(admin_, "co-1", "2099-01");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(),
            "month: 2099-01 has not ended yet: only a past month can be closed");
  EXPECT_EQ(Close(admin_, "co-1", this_month).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  status = Close(admin_, "co-1", "June");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "month: must be YYYY-MM");
  status = Close(admin_, "", "2025-06");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "companyId: required");
  status = Close(admin_, "co-none", "2025-06");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "company not found");

  ticket::v1::BillingReport closed;
  status = Close(admin_, "co-1", "2025-06", &closed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(closed.closed());
  EXPECT_TRUE(closed.has_closed_at());
  EXPECT_EQ(closed.closed_by().id(), "adm-1");
  EXPECT_EQ(closed.closed_by().role(), Person::ADMINISTRATOR);
  ASSERT_EQ(closed.tickets_size(), 1);
  EXPECT_EQ(closed.total_cents(), 6000);
  // Idempotent: closing again answers the first closing.
  ticket::v1::BillingReport again;
  ASSERT_TRUE(Close(admin_, "co-1", "2025-06", &again).ok());
  EXPECT_EQ(again.closed_at(), closed.closed_at());
  ticket::v1::BillingReport read = Report("co-1", "2025-06");
  EXPECT_TRUE(read.closed());
  EXPECT_EQ(read.closed_at(), closed.closed_at());
  EXPECT_EQ(read.closed_by().display_name(), "Amministratore");
  EXPECT_FALSE(Report("co-1", "2025-07").closed());
  EXPECT_FALSE(Report("co-1", "2025-07").has_closed_at());

  // Nothing changes in June any more.
  status = Add(mario_, ticket.id(), WorkLogEntry::SAT, "2025-06-20T08:00:00Z", 10);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "start: 2025-06 is closed for billing");
  auto request = Change(june);
  request.set_description("Ritoccata");
  status = Update(mario_, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "entryId: the entry's month 2025-06 is closed for billing");
  status = Delete(mario_, june);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "entryId: the entry's month 2025-06 is closed for billing");
  // Nor can a July entry move into June; it can change within July.
  request = Change(july);
  *request.mutable_start() = At("2025-06-30T08:00:00Z");
  request.set_duration_minutes(60);
  status = Update(mario_, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "start: 2025-06 is closed for billing");
  *request.mutable_start() = At("2025-07-02T08:00:00Z");
  EXPECT_TRUE(Update(mario_, request).ok());
  // The last night of June in Rome is June: 23:30 on the 30th is 21:30 UTC.
  EXPECT_EQ(Add(mario_, ticket.id(), WorkLogEntry::SAT, "2025-06-30T21:30:00Z", 10).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(Add(mario_, ticket.id(), WorkLogEntry::SAT, "2025-06-30T22:00:00Z", 10).ok());

  // Another company's June is still open.
  Ticket theirs = Create(other_customer_, "Altra azienda");
  EXPECT_TRUE(Add(mario_, theirs.id(), WorkLogEntry::SAT, "2025-06-20T08:00:00Z", 10).ok());
  EXPECT_EQ(Report("co-1", "2025-06").total_cents(), 6000);
}

// A change caught between its checks and its commit holds the closing back:
// a trigger installed by the test parks every work-log write until the test
// lets it go.
TEST_F(WorkLog, CloseBillingMonth_WaitsForAChangeInFlightAndCountsIt) {
  Ticket ticket = Create(customer_, "In corsa");
  WorkLogEntry entry = Added(mario_, ticket.id(), WorkLogEntry::SAD, "2025-05-30T08:00:00Z", 60);
  Exec(R"SQL(
CREATE FUNCTION ticket.park_worklog_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(771, 1);
  RETURN NEW;
END $$;
CREATE TRIGGER park_worklog_write AFTER INSERT OR UPDATE ON ticket.worklog_entries
  FOR EACH ROW EXECUTE FUNCTION ticket.park_worklog_write();
)SQL");
  pqxx::connection gate(stack_.DatabaseUrl());
  pqxx::nontransaction gate_tx(gate);
  gate_tx.exec("SELECT pg_advisory_lock(771, 1)");

  // The entry moves from May into June, and stops just before committing.
  auto request = Change(entry);
  *request.mutable_start() = At("2025-06-10T08:00:00Z");
  request.set_duration_minutes(60);
  std::future<grpc::Status> moved =
      std::async(std::launch::async, [&] { return Update(mario_, request); });
  ASSERT_TRUE(testing::WaitUntil(
      [&] {
        return Count(
                   "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 771 "
                   "AND objid = 1 AND NOT granted") == 1;
      },
      absl::Seconds(20)));

  // Closing June now must wait for it.
  ticket::v1::BillingReport closed;
  std::future<grpc::Status> closing =
      std::async(std::launch::async, [&] { return Close(admin_, "co-1", "2025-06", &closed); });
  const bool waited = testing::WaitUntil(
      [&] {
        return Count(
                   "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND "
                   "query LIKE '%FROM companies WHERE id = $1 FOR UPDATE%'") == 1;
      },
      absl::Seconds(20));
  gate_tx.exec("SELECT pg_advisory_unlock(771, 1)");
  EXPECT_TRUE(waited) << "the closing did not wait for the change in flight";
  grpc::Status moved_status = moved.get();
  grpc::Status closing_status = closing.get();
  ASSERT_TRUE(moved_status.ok()) << moved_status.error_message();
  ASSERT_TRUE(closing_status.ok()) << closing_status.error_message();
  // The change committed first, so June's closed report counts it...
  ASSERT_EQ(closed.tickets_size(), 1);
  ASSERT_EQ(closed.tickets(0).entries_size(), 1);
  EXPECT_EQ(closed.tickets(0).entries(0).entry().start(), At("2025-06-10T08:00:00Z"));
  // ...and it is June's for good.
  auto back = Change(entry);
  *back.mutable_start() = At("2025-05-30T08:00:00Z");
  back.set_duration_minutes(60);
  EXPECT_EQ(Update(mario_, back).error_message(),
            "entryId: the entry's month 2025-06 is closed for billing");
  Exec("DROP TRIGGER park_worklog_write ON ticket.worklog_entries");
}

TEST_F(WorkLog, TheNewRoutesThroughTheGateway) {
  testing::ApiFlows api(stack_.http_base());
  Ticket ticket = Create(customer_, "Via HTTP");
  WorkLogEntry entry = Added(mario_, ticket.id(), WorkLogEntry::SAT, "2025-04-10T08:00:00Z", 10);
  const std::string path = absl::StrCat("/v1/tickets/", ticket.id(), "/worklog/", entry.id());

  testing::HttpResponse patched =
      api.Call("PATCH", path, mario_, R"({"description": "Via HTTP", "durationMinutes": 20})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto body = testing::ApiFlows::Parse(patched);
  EXPECT_EQ(body["description"], "Via HTTP");
  EXPECT_EQ(body["serviceType"], "SAT");
  EXPECT_EQ(body["end"], "2025-04-10T08:20:00Z");

  testing::HttpResponse bad =
      api.Call("PATCH", path, mario_, R"({"serviceType": "SAT", "onSite": true})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("onSite: only S.A.D. (SAD) work is on site"), std::string::npos);

  testing::HttpResponse closed = api.Call("POST", "/v1/reports/billing:close", admin_,
                                          R"({"companyId": "co-1", "month": "2025-04"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  body = testing::ApiFlows::Parse(closed);
  EXPECT_EQ(body["closed"], true);
  EXPECT_EQ(body["closedBy"]["displayName"], "Amministratore");
  testing::HttpResponse report =
      api.Call("GET", "/v1/reports/billing?companyId=co-1&month=2025-05", mario_);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(testing::ApiFlows::Parse(report)["closed"], false);  // printed when false

  testing::HttpResponse refused = api.Call("DELETE", path, mario_);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("entryId: the entry's month 2025-04 is closed for billing"),
            std::string::npos);
  testing::HttpResponse by_consultant = api.Call("POST", "/v1/reports/billing:close", mario_,
                                                 R"({"companyId": "co-1", "month": "2025-03"})");
  EXPECT_EQ(by_consultant.status, 403) << by_consultant.body;

  WorkLogEntry may = Added(mario_, ticket.id(), WorkLogEntry::SAT, "2025-05-10T08:00:00Z", 10);
  testing::HttpResponse deleted =
      api.Call("DELETE", absl::StrCat("/v1/tickets/", ticket.id(), "/worklog/", may.id()), mario_);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(List(ticket.id()).entries_size(), 1);
}

}  // namespace
}  // namespace helpdesk
