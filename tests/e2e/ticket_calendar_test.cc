// Issue 6: the ticket service counts a ticket's slaDueAt on its company's
// calendar, the same instant the sla service times (GET /v1/tickets/{id}/sla):
// the calendar from the sla service's CalendarChanged, the company's choice
// from identity's CompanyChanged, both kept across a restart.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/calendar/calendar.h"
#include "libs/sla_policy/policy.h"
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
using testing::WaitUntil;

// Every day 08:00–20:00, no holidays, high priority 4 h: not the default
// calendar's due for any creation instant.
constexpr char kMilano[] = R"({
  "timeZone": "Europe/Rome", "nationalHolidays": false,
  "windows": [{"weekday": 1, "start": "08:00", "end": "20:00"},
              {"weekday": 2, "start": "08:00", "end": "20:00"},
              {"weekday": 3, "start": "08:00", "end": "20:00"},
              {"weekday": 4, "start": "08:00", "end": "20:00"},
              {"weekday": 5, "start": "08:00", "end": "20:00"},
              {"weekday": 6, "start": "08:00", "end": "20:00"},
              {"weekday": 7, "start": "08:00", "end": "20:00"}],
  "policy": {"high": "14400s", "medium": "28800s", "low": "57600s",
             "urgentOnSite": "28800s", "warningFraction": 0.5}
})";

absl::Time TimeOf(const json& rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339.get<std::string>(), &t, &error)) << error;
  return t;
}

class CompanyCalendar : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_.Start({"identity", "ticket", "sla", "gateway"}).ok());
    admin_ = stack_.MintToken(Person::ADMINISTRATOR, "admin-1", "", "Amministratore");
    consultant_ = stack_.MintToken(Person::CONSULTANT, "staff-1", "", "Consulente");
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
  int64_t Count(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<int64_t>();
  }

  // A high-priority ticket a consultant opens for the company, and its SLA
  // as the sla service explains it.
  std::pair<json, json> TicketAndSla(const std::string& company_id) {
    HttpResponse created = Call("POST", "/v1/tickets", consultant_,
                                absl::StrCat(R"({"subject":"Server fermo","priority":"HIGH",)",
                                             R"("scope":"SISTEMI","topic":"SISTEMI.HARDWARE",)",
                                             R"("note":"Non parte.","channel":"PHONE",)",
                                             R"("companyId":")", company_id, R"("})"));
    EXPECT_EQ(created.status, 200) << created.body;
    json ticket = Parse(created);
    json sla;
    EXPECT_TRUE(WaitUntil(
        [&] {
          HttpResponse r =
              Call("GET", absl::StrCat("/v1/tickets/", ticket["id"].get<std::string>(), "/sla"),
                   consultant_);
          if (r.status != 200) return false;
          sla = Parse(r);
          return true;
        },
        absl::Seconds(20)))
        << "the sla service never timed the ticket";
    return {ticket, sla};
  }

  TestStack stack_;
  std::string admin_, consultant_;
};

TEST_F(CompanyCalendar, TicketAndSlaServiceAgreeOnANonDefaultCalendar_AlsoAfterARestart) {
  HttpResponse saved = Call("PUT", "/v1/calendars/milano", admin_, kMilano);
  ASSERT_EQ(saved.status, 200) << saved.body;
  HttpResponse company = Call("POST", "/v1/companies", admin_,
                              R"({"name":"Milano S.p.A.","vatNumber":"04820850271",)"
                              R"("notificationEmail":"it@milano.example",)"
                              R"("contract":{"calendar":"milano"}})");
  ASSERT_EQ(company.status, 200) << company.body;
  const std::string company_id = Parse(company)["id"];
  ASSERT_TRUE(WaitUntil(
      [&] {
        return Count("SELECT count(*) FROM ticket.calendars WHERE name = 'milano'") == 1 &&
               Count(absl::StrCat("SELECT count(*) FROM ticket.companies WHERE id = '", company_id,
                                  "' AND calendar = 'milano'")) == 1;
      },
      absl::Seconds(20)))
      << "the ticket service never heard of the calendar or the company's choice";

  const std::pair<json, json> first = TicketAndSla(company_id);
  const json& ticket = first.first;
  const json& sla = first.second;
  EXPECT_EQ(sla["calendar"], "milano");
  EXPECT_EQ(sla["target"], "14400s");
  EXPECT_EQ(ticket["slaDueAt"], sla["slaDueAt"]);
  EXPECT_EQ(ticket["slaState"], "OK");

  // Not what the default calendar gives for the same creation instant.
  const absl::Time created = TimeOf(ticket["createdAt"]), due = TimeOf(ticket["slaDueAt"]);
  calendar::Calendar standard = *calendar::Calendar::Create(calendar::CalendarSpec{});
  EXPECT_NE(due, sla_policy::ComputeTicketDue(standard, sla_policy::DefaultPolicy(), created,
                                              sla_policy::Priority::kHigh, false)
                     .sla_due_at);

  // After a restart the stored copies are loaded at start (the events were
  // acknowledged before): the next ticket agrees too.
  stack_.Stop("ticket");
  ASSERT_TRUE(stack_.StartService("ticket").ok());
  const std::pair<json, json> second = TicketAndSla(company_id);
  const json& again = second.first;
  const json& again_sla = second.second;
  EXPECT_EQ(again_sla["calendar"], "milano");
  EXPECT_EQ(again["slaDueAt"], again_sla["slaDueAt"]);

  // A priority change recomputes on the same calendar as the sla service.
  HttpResponse patched = Call("PATCH", absl::StrCat("/v1/tickets/", again["id"].get<std::string>()),
                              consultant_, R"({"priority":"LOW"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  json low = Parse(patched);
  ASSERT_TRUE(WaitUntil(
      [&] {
        HttpResponse r =
            Call("GET", absl::StrCat("/v1/tickets/", again["id"].get<std::string>(), "/sla"),
                 consultant_);
        return r.status == 200 && Parse(r)["priority"] == "LOW";
      },
      absl::Seconds(20)));
  HttpResponse r = Call("GET", absl::StrCat("/v1/tickets/", again["id"].get<std::string>(), "/sla"),
                        consultant_);
  EXPECT_EQ(low["slaDueAt"], Parse(r)["slaDueAt"]);
}

// The optional resolution target: set on the default calendar's policy, it
// pauses while the ticket waits for the customer, and the explanation shows
// the pause.
TEST_F(CompanyCalendar, ResolutionTargetPausesWhileWaitingForTheCustomer) {
  HttpResponse saved = Call("PUT", "/v1/calendars/default", admin_, R"({
    "timeZone": "Europe/Rome", "nationalHolidays": true,
    "windows": [{"weekday": 1, "start": "09:00", "end": "13:00"},
                {"weekday": 1, "start": "14:30", "end": "18:30"},
                {"weekday": 2, "start": "09:00", "end": "13:00"},
                {"weekday": 2, "start": "14:30", "end": "18:30"},
                {"weekday": 3, "start": "09:00", "end": "13:00"},
                {"weekday": 3, "start": "14:30", "end": "18:30"},
                {"weekday": 4, "start": "09:00", "end": "13:00"},
                {"weekday": 4, "start": "14:30", "end": "18:30"},
                {"weekday": 5, "start": "09:00", "end": "13:00"},
                {"weekday": 5, "start": "14:30", "end": "18:30"}],
    "policy": {"high": "7200s", "medium": "14400s", "low": "57600s",
               "urgentOnSite": "28800s", "warningFraction": 0.75, "resolution": "144000s"}})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Parse(saved)["policy"]["resolution"], "144000s");
  {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction(conn).exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) "
        "VALUES ('co-1', 'Uno S.r.l.', true, true)");
  }
  const std::string customer = stack_.MintToken(Person::CUSTOMER, "cust-1", "co-1", "Uno");
  HttpResponse created = Call("POST", "/v1/tickets", customer,
                              R"({"subject":"Stampa","scope":"SISTEMI","topic":"SISTEMI.HARDWARE",)"
                              R"("note":"Non stampa."})");
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id = Parse(created)["id"];
  const std::string sla_path = absl::StrCat("/v1/tickets/", id, "/sla");
  auto sla = [&] { return Parse(Call("GET", sla_path, consultant_)); };
  ASSERT_TRUE(WaitUntil([&] { return Call("GET", sla_path, consultant_).status == 200; },
                        absl::Seconds(20)));
  json before = sla();
  EXPECT_EQ(before["resolutionTarget"], "144000s");
  EXPECT_EQ(before["pauses"].size(), 0u);
  EXPECT_EQ(before["resolutionPaused"], false);
  EXPECT_NE(before["resolutionDueAt"], nullptr);

  // The consultant replies (WAITING_CUSTOMER): paused, no due.
  const std::string messages = absl::StrCat("/v1/tickets/", id, "/messages");
  ASSERT_EQ(Call("POST", messages, consultant_, R"({"note":"Riavvii la stampante."})").status, 200);
  ASSERT_TRUE(WaitUntil([&] { return sla()["resolutionPaused"] == true; }, absl::Seconds(20)));
  json paused = sla();
  ASSERT_EQ(paused["pauses"].size(), 1u);
  EXPECT_EQ(paused["pauses"][0]["status"], "WAITING_CUSTOMER");
  EXPECT_EQ(paused["resolutionDueAt"], nullptr);

  // The customer answers (IN_PROGRESS): the pause ends, the clock runs again
  // with a due no earlier than before.
  ASSERT_EQ(Call("POST", messages, customer, R"({"note":"Fatto, non va."})").status, 200);
  ASSERT_TRUE(WaitUntil([&] { return sla()["resolutionPaused"] == false; }, absl::Seconds(20)));
  json resumed = sla();
  ASSERT_EQ(resumed["pauses"].size(), 1u);
  EXPECT_NE(resumed["pauses"][0]["end"], nullptr);
  ASSERT_NE(resumed["resolutionDueAt"], nullptr);
  EXPECT_GE(TimeOf(resumed["resolutionDueAt"]), TimeOf(before["resolutionDueAt"]));
  EXPECT_EQ(resumed["resolutionLate"], false);

  // Closed: a CLOSED pause that lasts.
  ASSERT_EQ(Call("POST", absl::StrCat("/v1/tickets/", id, ":close"), customer, "{}").status, 200);
  ASSERT_TRUE(WaitUntil([&] { return sla()["pauses"].size() == 2u; }, absl::Seconds(20)));
  json closed = sla();
  EXPECT_EQ(closed["pauses"][1]["status"], "CLOSED");
  EXPECT_EQ(closed["pauses"][1]["end"], nullptr);
  EXPECT_NE(closed["closedAt"], nullptr);
}

}  // namespace
}  // namespace helpdesk
