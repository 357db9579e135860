#include "services/notification/planner.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

namespace helpdesk::notification {
namespace {

using common::v1::Person;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class FakeDirectory : public Directory {
 public:
  std::optional<CompanyCopy> Company(const std::string& id) override { return Find(companies, id); }
  std::optional<AccountCopy> Account(const std::string& id) override { return Find(accounts, id); }
  std::optional<TicketCopy> Ticket(const std::string& id) override { return Find(tickets, id); }

  std::map<std::string, CompanyCopy> companies;
  std::map<std::string, AccountCopy> accounts;
  std::map<std::string, TicketCopy> tickets;

 private:
  template <typename T>
  static std::optional<T> Find(const std::map<std::string, T>& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? std::nullopt : std::optional<T>(it->second);
  }
};

Person MakePerson(const std::string& id, const std::string& name, Person::Role role) {
  Person p;
  p.set_id(id);
  p.set_display_name(name);
  p.set_role(role);
  return p;
}

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_.queue_email = "coda@helpdesk.test";
    settings_.manager_email = "manager@helpdesk.test";
    settings_.public_url = "http://portal.test";
    settings_.time_zone = absl::FixedTimeZone(2 * 3600);
    dir_.companies["c1"] = {"c1", "Verdi S.r.l.", "12345678903", "it@verdi.test", "it", true};
    dir_.companies["c2"] = {"c2", "Blue Ltd", "01234567897", "ops@blue.test", "en", true};
    dir_.accounts["vat"] = {"vat",      "12345678903", "Verdi S.r.l.",
                            "CUSTOMER", "c1",          "old-default@verdi.test",
                            "it",       true};
    dir_.accounts["anna"] = {"anna", "anna", "Anna Verdi", "CUSTOMER", "c1", "anna@verdi.test",
                             "en",   true};
    dir_.accounts["cons"] = {
        "cons", "mario", "Mario Consulente", "CONSULTANT", "", "mario@helpdesk.test", "en", true};
    dir_.accounts["gone"] = {"gone", "gone", "Ex", "CONSULTANT", "", "ex@helpdesk.test",
                             "it",   false};
    dir_.tickets["t1"] = {"t1", 221, "Stampa", "c1", "vat", "cons"};
  }

  events::v1::MessageAdded Message(Person::Role role, bool internal = false) {
    events::v1::MessageAdded e;
    e.set_ticket_id("t1");
    e.set_company_id("c1");
    e.set_number(221);
    e.set_subject("Stampa");
    *e.mutable_author() = role == Person::CUSTOMER ? MakePerson("anna", "Anna Verdi", role)
                                                   : MakePerson("cons", "Mario Consulente", role);
    e.set_internal(internal);
    e.set_note("<script>x</script>");
    *e.mutable_assignee() = MakePerson("cons", "Mario Consulente", Person::CONSULTANT);
    e.set_published_by_id("vat");
    return e;
  }

  static std::vector<std::string> Recipients(const Plan& plan) {
    std::vector<std::string> out;
    for (const auto& m : plan.mails) out.push_back(m.recipient + "/" + m.language);
    return out;
  }

  // Every planned mail carries every value its kind's templates may use.
  static void ExpectRenderable(const Plan& plan) {
    static const absl::StatusOr<TemplateSet> set = TemplateSet::LoadEmbedded();
    ASSERT_TRUE(set.ok());
    for (const auto& m : plan.mails) {
      for (const auto& name : KindVariables(m.kind)) {
        EXPECT_TRUE(m.values.count(name)) << KindName(m.kind) << " lacks " << name;
      }
      EXPECT_TRUE(set->Render(m.kind, m.language, m.values).ok());
    }
  }

  PlannerSettings settings_;
  FakeDirectory dir_;
};

TEST_F(PlannerTest, ConsultantReplyGoesToTheCompanysNotificationEmailInItsLanguage) {
  Plan plan = Planner(settings_, dir_).For(Message(Person::CONSULTANT));
  // Not the VAT-number account's own (stale) e-mail: the company's.
  EXPECT_THAT(Recipients(plan), ElementsAre("it@verdi.test/it"));
  EXPECT_EQ(plan.mails[0].kind, MailKind::kTicketReply);
  EXPECT_EQ(plan.mails[0].values.at("ticket_number"), "#000221");
  EXPECT_EQ(plan.mails[0].values.at("ticket_url"), "http://portal.test/#/tickets/t1");
  EXPECT_EQ(plan.mails[0].values.at("company_name"), "Verdi S.r.l.");
  ExpectRenderable(plan);
}

TEST_F(PlannerTest, InternalNoteIsNeverMailed) {
  EXPECT_THAT(Planner(settings_, dir_).For(Message(Person::CONSULTANT, true)).mails, IsEmpty());
}

TEST_F(PlannerTest, ReplyAlsoReachesTheNamedContactWhoOpenedTheTicket) {
  auto e = Message(Person::ADMINISTRATOR);
  e.set_published_by_id("anna");
  Plan plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(Recipients(plan), ElementsAre("it@verdi.test/it", "anna@verdi.test/en"));
  dir_.accounts["anna"].email = "IT@verdi.test";  // the same mailbox: one mail
  EXPECT_THAT(Recipients(Planner(settings_, dir_).For(e)), ElementsAre("it@verdi.test/it"));
}

TEST_F(PlannerTest, UnknownCompanyIsSkippedAndSaid) {
  auto e = Message(Person::CONSULTANT);
  e.set_company_id("c9");
  Plan plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(plan.mails, IsEmpty());
  EXPECT_THAT(plan.skipped, ElementsAre("ticket_reply: company c9 is not known (yet)"));
}

TEST_F(PlannerTest, CustomerMessageGoesToTheAssigneeOrTheQueue) {
  Plan plan = Planner(settings_, dir_).For(Message(Person::CUSTOMER));
  EXPECT_THAT(Recipients(plan), ElementsAre("mario@helpdesk.test/en"));
  EXPECT_EQ(plan.mails[0].kind, MailKind::kCustomerMessage);
  ExpectRenderable(plan);
  auto unassigned = Message(Person::CUSTOMER);
  unassigned.clear_assignee();
  EXPECT_THAT(Recipients(Planner(settings_, dir_).For(unassigned)),
              ElementsAre("coda@helpdesk.test/it"));
}

TEST_F(PlannerTest, NewTicketGoesToTheQueue) {
  events::v1::TicketCreated e;
  e.set_ticket_id("t2");
  e.set_company_id("c2");
  e.set_number(1234567);
  e.set_subject("Down");
  e.set_priority("HIGH");
  e.set_channel("PHONE");
  *e.mutable_meta()->mutable_actor() = MakePerson("cons", "Mario Consulente", Person::CONSULTANT);
  Plan plan = Planner(settings_, dir_).For(e);
  ASSERT_THAT(Recipients(plan), ElementsAre("coda@helpdesk.test/it"));
  EXPECT_EQ(plan.mails[0].values.at("priority"), "Alta");
  EXPECT_EQ(plan.mails[0].values.at("channel"), "Telefono");
  EXPECT_EQ(plan.mails[0].values.at("ticket_number"), "#1234567");
  EXPECT_EQ(plan.mails[0].values.at("company_name"), "Blue Ltd");
  ExpectRenderable(plan);
  settings_.queue_email = "";
  plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(plan.mails, IsEmpty());
  EXPECT_THAT(plan.skipped[0], HasSubstr("HELPDESK_QUEUE_EMAIL"));
}

TEST_F(PlannerTest, ClosedByTheCustomerTellsTheAssignee) {
  events::v1::TicketClosed e;
  e.set_ticket_id("t1");
  e.set_company_id("c1");
  *e.mutable_meta()->mutable_actor() = MakePerson("vat", "Verdi S.r.l.", Person::CUSTOMER);
  *e.mutable_assignee() = MakePerson("cons", "Mario Consulente", Person::CONSULTANT);
  Plan plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(Recipients(plan), ElementsAre("mario@helpdesk.test/en"));
  EXPECT_EQ(plan.mails[0].values.at("ticket_number"), "#000221");  // from the copy
  ExpectRenderable(plan);
  *e.mutable_meta()->mutable_actor() = MakePerson("cons", "Mario", Person::CONSULTANT);
  EXPECT_THAT(Planner(settings_, dir_).For(e).mails, IsEmpty());
}

TEST_F(PlannerTest, DisabledOrUnknownAssigneeIsSkipped) {
  events::v1::TicketClosed e;
  e.set_ticket_id("t1");
  *e.mutable_meta()->mutable_actor() = MakePerson("vat", "Verdi", Person::CUSTOMER);
  *e.mutable_assignee() = MakePerson("gone", "Ex", Person::CONSULTANT);
  Plan plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(plan.mails, IsEmpty());
  EXPECT_THAT(plan.skipped, ElementsAre("ticket_closed: assignee gone is disabled"));
  *e.mutable_assignee() = MakePerson("nobody", "?", Person::CONSULTANT);
  EXPECT_THAT(Planner(settings_, dir_).For(e).skipped,
              ElementsAre("ticket_closed: assignee nobody is not known (yet)"));
}

TEST_F(PlannerTest, PasswordResetGoesToTheEventsAddressWithTheLink) {
  events::v1::PasswordResetRequested e;
  e.set_account_id("anna");
  e.set_email("anna@verdi.test");
  e.set_language("en");
  e.set_reset_url("http://portal.test/#/reset-password?token=abc");
  *e.mutable_expires_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1750154400);
  Plan plan = Planner(settings_, dir_).For(e);
  ASSERT_THAT(Recipients(plan), ElementsAre("anna@verdi.test/en"));
  EXPECT_EQ(plan.mails[0].values.at("reset_url"), "http://portal.test/#/reset-password?token=abc");
  EXPECT_EQ(plan.mails[0].values.at("expires_at"), "17/06/2025 12:00");  // UTC+2
  ExpectRenderable(plan);
  e.set_reset_url("javascript:alert(1)");
  EXPECT_THAT(Planner(settings_, dir_).For(e).mails, IsEmpty());
}

TEST_F(PlannerTest, SlaWarningGoesToTheAssigneeOrTheQueue) {
  events::v1::SlaWarning e;
  e.set_ticket_id("t1");
  e.set_company_id("c1");
  e.set_assignee_id("cons");
  Plan plan = Planner(settings_, dir_).For(e);
  ASSERT_THAT(Recipients(plan), ElementsAre("mario@helpdesk.test/en"));
  EXPECT_EQ(plan.mails[0].values.at("sla_target"), "take-in-charge");
  ExpectRenderable(plan);
  dir_.tickets["t1"].assignee_id = "";
  e.set_assignee_id("");
  plan = Planner(settings_, dir_).For(e);
  ASSERT_THAT(Recipients(plan), ElementsAre("coda@helpdesk.test/it"));
  EXPECT_EQ(plan.mails[0].values.at("sla_target"), "presa in carico");
}

TEST_F(PlannerTest, SlaBreachAlsoTellsTheManager) {
  events::v1::SlaBreached e;
  e.set_ticket_id("t1");
  e.set_company_id("c1");
  e.set_assignee_id("cons");
  Plan plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(Recipients(plan), ElementsAre("mario@helpdesk.test/en", "manager@helpdesk.test/it"));
  ExpectRenderable(plan);
  e.set_ticket_id("t-unknown");
  e.set_assignee_id("");
  plan = Planner(settings_, dir_).For(e);
  EXPECT_THAT(Recipients(plan), ElementsAre("coda@helpdesk.test/it", "manager@helpdesk.test/it"));
  EXPECT_EQ(plan.mails[0].values.at("ticket_number"), "t-unknown");
}

}  // namespace
}  // namespace helpdesk::notification
