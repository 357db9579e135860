// helpdeskctl as a process against the services as processes: login with
// --password-stdin, companies, a ticket opened on a customer's behalf,
// taken, replied to and shown, an SLA due instant of SPEC §4, a transparent
// refresh of an expired login, the exit codes scripts rely on; staff
// accounts and contacts, catalog changes, the queue in the server's SLA
// order, the SLA report and companies imported from CSV; the work log
// edited and a month closed for billing, a company disabled, and replies
// with local files attached.
#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "helpdesk/attachment/v1/attachment.pb.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "services/attachment/testing/sample_files.h"
#include "tests/support/nats.h"
#include "tests/support/stack.h"
#include "tests/support/subprocess.h"

namespace helpdesk {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::Subprocess;
using testing::TestStack;
namespace samples = attachment::testing;

constexpr char kAdminPassword[] = "Admin-Password-1";

struct CtlRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The helpdeskctl binary beside the services in the build tree.
std::string CtlPath() {
  std::string identity = TestStack::BinaryPath("identity");  // <build>/services/identity/identity
  return std::string(absl::StripSuffix(identity, "services/identity/identity")) +
         "tools/helpdeskctl/helpdeskctl";
}

template <typename Message>
Message FromJson(const std::string& json) {
  Message message;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &message, options).ok()) << json;
  return message;
}

class Helpdeskctl : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(CtlPath())) << CtlPath() << ": build helpdeskctl first";
    ASSERT_TRUE(stack_.Start(Services(), Env()).ok());
    config_home_ = stack_.dir() + "/config";
  }

  virtual std::vector<std::string> Services() const { return {"identity", "ticket", "sla"}; }
  virtual std::map<std::string, std::string> Env() const {
    return {{"HELPDESK_ADMIN_PASSWORD", kAdminPassword}};
  }

  // Runs helpdeskctl with `args`, `input` as its standard input, the stack's
  // addresses in the environment and a config folder of its own.
  CtlRun Ctl(const std::vector<std::string>& args, const std::string& input = "",
             std::map<std::string, std::string> env = {}) {
    const std::string base = absl::StrCat(stack_.dir(), "/ctl", ++runs_);
    std::ofstream(base + ".in") << input;
    std::vector<std::string> argv = {"/bin/sh", "-c",
                                     "exec \"$0\" \"$@\" <\"$CTL_BASE.in\" >\"$CTL_BASE.out\" "
                                     "2>\"$CTL_BASE.err\"",
                                     CtlPath()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::map<std::string, std::string> full_env = {
        {"CTL_BASE", base},
        {"XDG_CONFIG_HOME", config_home_},
        {"HELPDESKCTL_IDENTITY", stack_.grpc_address("identity")},
        {"HELPDESKCTL_TICKET", stack_.grpc_address("ticket")},
        {"HELPDESKCTL_SLA", stack_.grpc_address("sla")},
        {"HELPDESKCTL_ATTACHMENT", stack_.grpc_address("attachment")},
        {"TZ", "Europe/Rome"}};
    for (auto& [k, v] : env) full_env[k] = v;
    Subprocess process(argv, full_env, base + ".log");
    CtlRun run;
    run.exit_code = process.Wait(absl::Seconds(60)).value_or(-1);
    run.out = ReadFile(base + ".out");
    run.err = ReadFile(base + ".err");
    return run;
  }

  void Login() {
    CtlRun login = Ctl({"login", "--username", "admin", "--password-stdin"},
                       absl::StrCat(kAdminPassword, "\n"));
    ASSERT_EQ(login.exit_code, 0) << login.err;
  }

  std::string CredentialsPath() const { return config_home_ + "/helpdeskctl/credentials.json"; }

  void WriteCredentials(const google::protobuf::Struct& credentials) {
    std::string json;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(credentials, &json).ok());
    std::ofstream(CredentialsPath()) << json;
  }

  // A company, created through helpdeskctl; its id.
  std::string CreateCompany(const std::string& vat) {
    CtlRun created = Ctl({"companies", "create", "--name", "Uno S.r.l.", "--vat", vat, "--email",
                          "it@uno.example", "--hourly-rate", "60", "--output", "json"});
    EXPECT_EQ(created.exit_code, 0) << created.err;
    return FromJson<identity::v1::Company>(created.out).id();
  }

  TestStack stack_;
  std::string config_home_;
  int runs_ = 0;
};

TEST_F(Helpdeskctl, LoginCompaniesAndATicketOnACustomersBehalf) {
  Login();
  struct stat st;
  ASSERT_EQ(stat(CredentialsPath().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((config_home_ + "/helpdeskctl").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_THAT(ReadFile(CredentialsPath()), ::testing::Not(HasSubstr(kAdminPassword)));

  const std::string company_id = CreateCompany("02345678904");
  ASSERT_FALSE(company_id.empty());

  CtlRun listed = Ctl({"companies", "list", "--output", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto companies = FromJson<identity::v1::ListCompaniesResponse>(listed.out);
  ASSERT_EQ(companies.companies_size(), 1) << listed.out;
  EXPECT_EQ(companies.companies(0).vat_number(), "02345678904");
  EXPECT_EQ(companies.companies(0).contract().hourly_rate_cents(), 6000);
  EXPECT_THAT(listed.out, HasSubstr("\"nextPageToken\": \"\""));  // primitives always printed

  CtlRun table = Ctl({"companies", "list"});
  EXPECT_THAT(table.out, HasSubstr("Uno S.r.l.  02345678904  it@uno.example"));

  CtlRun created =
      Ctl({"tickets", "create", "--company", company_id, "--channel", "phone", "--subject",
           "Stampa bloccata", "--scope", "ARXIVAR", "--topic", "ARXIVAR.WORKFLOW", "--priority",
           "high", "--note-file", "-", "--output", "json"},
          "Il cliente ha telefonato:\nla stampa si blocca.\n");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto ticket = FromJson<ticket::v1::Ticket>(created.out);
  EXPECT_EQ(ticket.channel(), ticket::v1::Ticket::PHONE);
  EXPECT_EQ(ticket.priority(), ticket::v1::Ticket::HIGH);
  EXPECT_EQ(ticket.progressive(), 1);
  EXPECT_THAT(ticket.number(), StartsWith("#0"));
  EXPECT_EQ(ticket.published_by().role(), common::v1::Person::ADMINISTRATOR);

  CtlRun taken = Ctl({"tickets", "take", ticket.id()});
  ASSERT_EQ(taken.exit_code, 0) << taken.err;
  EXPECT_THAT(taken.out, ContainsRegex("Status: +IN_PROGRESS\n"));

  ASSERT_EQ(Ctl({"tickets", "reply", ticket.id(), "--note", "Riavviare il servizio."}).exit_code,
            0);
  ASSERT_EQ(
      Ctl({"tickets", "reply", ticket.id(), "--internal", "--note", "Nota interna"}).exit_code, 0);

  CtlRun shown = Ctl({"tickets", "show", ticket.id()});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr(ticket.number()));
  EXPECT_THAT(shown.out, ContainsRegex("Status: +WAITING_CUSTOMER\n"));
  EXPECT_THAT(shown.out, HasSubstr("    Il cliente ha telefonato:\n    la stampa si blocca.\n"));
  EXPECT_THAT(shown.out, HasSubstr("    Riavviare il servizio.\n"));
  EXPECT_THAT(shown.out, HasSubstr("[internal note]\n    Nota interna\n"));

  CtlRun json = Ctl({"tickets", "show", ticket.id(), "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto both = FromJson<google::protobuf::Struct>(json.out);
  EXPECT_EQ(both.fields().at("ticket").struct_value().fields().at("status").string_value(),
            "WAITING_CUSTOMER");
  EXPECT_EQ(both.fields().at("messages").list_value().values_size(), 3);

  CtlRun history = Ctl({"tickets", "history", ticket.id()});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_THAT(history.out, HasSubstr("AT"));

  CtlRun listed_tickets = Ctl({"tickets", "list", "--company", company_id});
  ASSERT_EQ(listed_tickets.exit_code, 0) << listed_tickets.err;
  EXPECT_THAT(listed_tickets.out, HasSubstr(ticket.number() + "  Stampa bloccata"));

  CtlRun closed = Ctl({"tickets", "close", ticket.id(), "--output", "json"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_EQ(FromJson<ticket::v1::Ticket>(closed.out).status(), ticket::v1::Ticket::CLOSED);
  CtlRun reopened = Ctl({"tickets", "reopen", ticket.id(), "--output", "json"});
  ASSERT_EQ(reopened.exit_code, 0) << reopened.err;
  EXPECT_EQ(FromJson<ticket::v1::Ticket>(reopened.out).status(), ticket::v1::Ticket::IN_PROGRESS);

  CtlRun catalog = Ctl({"catalog", "list"});
  ASSERT_EQ(catalog.exit_code, 0) << catalog.err;
  EXPECT_THAT(catalog.out, HasSubstr("  ARXIVAR.WORKFLOW"));

  ASSERT_EQ(Ctl({"logout"}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(CredentialsPath()));
  CtlRun after = Ctl({"companies", "list"});
  EXPECT_EQ(after.exit_code, 3);
  EXPECT_EQ(after.err, "error: not logged in: run helpdeskctl login\n");
}

TEST_F(Helpdeskctl, SlaDueOfTheSpecsExamples) {
  Login();
  // Fri 2025-06-20 17:00, medium (4 h) → Mon 2025-06-23 11:30.
  CtlRun due = Ctl({"sla", "due", "--start", "2025-06-20T17:00:00+02:00", "--priority", "MEDIUM",
                    "--output", "json"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_THAT(due.out, HasSubstr("\"due\": \"2025-06-23T09:30:00Z\""));
  // Thu 2025-06-19 15:00, urgent on-site (8 h) → Fri 2025-06-20 15:00.
  due = Ctl({"sla", "due", "--start", "2025-06-19 15:00", "--urgent-on-site"});
  ASSERT_EQ(due.exit_code, 0) << due.err;
  EXPECT_THAT(due.out, ContainsRegex("Due: +Fri 2025-06-20 15:00 \\+02:00\n"));
}

TEST_F(Helpdeskctl, AnExpiredAccessTokenIsRefreshedOnceTransparently) {
  Login();
  auto stored = FromJson<google::protobuf::Struct>(ReadFile(CredentialsPath()));
  const std::string refresh = stored.fields().at("refreshToken").string_value();
  // The server refuses the access token (expired), though the file thinks it valid.
  auto& fields = *stored.mutable_fields();
  fields["accessToken"].set_string_value(stack_.MintToken(common::v1::Person::ADMINISTRATOR, "x",
                                                          "", "Admin", false, -absl::Minutes(1)));
  fields["expiresAt"].set_string_value("2999-01-01T00:00:00Z");
  WriteCredentials(stored);

  CtlRun listed = Ctl({"companies", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  auto after = FromJson<google::protobuf::Struct>(ReadFile(CredentialsPath()));
  EXPECT_NE(after.fields().at("refreshToken").string_value(), refresh);  // rotated and kept
  struct stat st;
  ASSERT_EQ(stat(CredentialsPath().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(Helpdeskctl, ExitCodesScriptsRelyOn) {
  // Wrong password: the server's refusal, exit 3.
  CtlRun wrong = Ctl({"login", "--username", "admin", "--password-stdin"}, "Wrong-Password-9\n");
  EXPECT_EQ(wrong.exit_code, 3) << wrong.err;
  EXPECT_THAT(wrong.err, StartsWith("error: "));

  Login();
  // An unknown ticket: 5.
  CtlRun unknown = Ctl({"tickets", "show", "00000000-0000-4000-8000-000000000000"});
  EXPECT_EQ(unknown.exit_code, 5) << unknown.err;
  EXPECT_EQ(unknown.err, "error: ticket not found\n");

  // The server refuses the input: 1, with its message.
  CtlRun invalid = Ctl({"companies", "create", "--name", "Due", "--vat", "12345678901"});
  EXPECT_EQ(invalid.exit_code, 1) << invalid.err;
  EXPECT_THAT(invalid.err, StartsWith("error: vatNumber"));

  // Unreachable: 6, naming the service and address.
  CtlRun unreachable = Ctl({"companies", "list", "--identity", "127.0.0.1:1"});
  EXPECT_EQ(unreachable.exit_code, 6);
  EXPECT_THAT(unreachable.err,
              StartsWith("error: cannot reach the identity service at 127.0.0.1:1: "));

  // A customer's login: permission denied, 4.
  const std::string good = ReadFile(CredentialsPath());
  auto customer = FromJson<google::protobuf::Struct>(good);
  (*customer.mutable_fields())["accessToken"].set_string_value(
      stack_.MintToken(common::v1::Person::CUSTOMER, "c-1", "co-1", "Uno S.r.l."));
  WriteCredentials(customer);
  CtlRun denied = Ctl({"companies", "list"});
  EXPECT_EQ(denied.exit_code, 4) << denied.err;

  // Garbage in the credential file: 3, saying what to do.
  std::ofstream(CredentialsPath()) << "{ not json";
  CtlRun garbage = Ctl({"companies", "list"});
  EXPECT_EQ(garbage.exit_code, 3);
  EXPECT_THAT(garbage.err, HasSubstr("is not a helpdeskctl login: run helpdeskctl login\n"));

  // An expired login whose refresh token is no good: 3, "login expired".
  auto expired = FromJson<google::protobuf::Struct>(good);
  (*expired.mutable_fields())["accessToken"].set_string_value("v1.garbage.token");
  (*expired.mutable_fields())["refreshToken"].set_string_value("not-a-refresh-token");
  WriteCredentials(expired);
  CtlRun refused = Ctl({"companies", "list"});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_EQ(refused.err, "error: login expired: run helpdeskctl login\n");
}

TEST_F(Helpdeskctl, WorkLogEditedThenTheMonthClosedForBilling) {
  Login();
  const std::string company_id = CreateCompany("07654321012");
  CtlRun created = Ctl({"tickets", "create", "--company", company_id, "--channel", "EMAIL",
                        "--subject", "Consulenza", "--scope", "ARXIVAR", "--topic",
                        "ARXIVAR.WORKFLOW", "--note", "Richiesta via e-mail", "--output", "json"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = FromJson<ticket::v1::Ticket>(created.out).id();

  CtlRun added =
      Ctl({"worklog", "add", id, "--type", "SAD", "--start", "2025-06-17T18:00:00+02:00", "--end",
           "2025-06-17T19:00:00+02:00", "--description", "Aggiornamento", "--output", "json"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string entry = FromJson<ticket::v1::WorkLogEntry>(added.out).id();

  // Edited: a longer session, the description too; the start is kept.
  CtlRun edited = Ctl({"worklog", "edit", id, entry, "--end", "2025-06-17 19:30", "--description",
                       "Aggiornamento e verifica"});
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  EXPECT_THAT(edited.out, ContainsRegex("Start: +2025-06-17 18:00"));
  EXPECT_THAT(edited.out, ContainsRegex("End: +2025-06-17 19:30"));
  EXPECT_THAT(edited.out, ContainsRegex("Description: +Aggiornamento e verifica\n"));
  CtlRun overlapping = Ctl(
      {"worklog", "add", id, "--type", "SAT", "--start", "2025-06-17 19:15", "--duration", "10m"});
  EXPECT_EQ(overlapping.exit_code, 1);
  EXPECT_EQ(overlapping.err, "error: start: overlaps another entry of yours\n");

  CtlRun open = Ctl({"reports", "billing", "--company", company_id, "--month", "2025-06"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_THAT(open.out, HasSubstr("Open: not closed for billing yet\n"));
  // 18:00–19:30: 30 min normal + 60 min out of hours at +50% → 30.00 + 90.00.
  EXPECT_THAT(open.out, HasSubstr("Total: 120.00 EUR\n"));

  // A month that has not ended cannot be closed.
  CtlRun early = Ctl({"billing", "close", "--company", company_id, "--month", "2099-01"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_EQ(early.err,
            "error: month: 2099-01 has not ended yet: only a past month can be closed\n");
  CtlRun closed = Ctl({"billing", "close", "--company", company_id, "--month", "2025-06"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_THAT(closed.out, HasSubstr("Closed for billing on "));
  EXPECT_THAT(closed.out, HasSubstr("Total: 120.00 EUR\n"));
  // Again: the same answer, exit 0.
  EXPECT_EQ(Ctl({"billing", "close", "--company", company_id, "--month", "2025-06"}).exit_code, 0);

  CtlRun report = Ctl(
      {"reports", "billing", "--company", company_id, "--month", "2025-06", "--output", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  auto json = FromJson<ticket::v1::BillingReport>(report.out);
  EXPECT_TRUE(json.closed());
  EXPECT_EQ(json.closed_by().role(), common::v1::Person::ADMINISTRATOR);
  EXPECT_EQ(json.total_cents(), 12000);
  EXPECT_THAT(Ctl({"reports", "billing", "--company", company_id, "--month", "2025-06"}).out,
              ContainsRegex("Closed for billing on [0-9-]+ [0-9:]+ by "));

  // The closed month's entries no longer change.
  CtlRun refused = Ctl({"worklog", "edit", id, entry, "--description", "Troppo tardi"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, "error: entryId: the entry's month 2025-06 is closed for billing\n");
  CtlRun not_deleted = Ctl({"worklog", "delete", id, entry});
  EXPECT_EQ(not_deleted.exit_code, 1);
  EXPECT_EQ(not_deleted.err, "error: entryId: the entry's month 2025-06 is closed for billing\n");
  CtlRun late = Ctl(
      {"worklog", "add", id, "--type", "SAT", "--start", "2025-06-20 10:00", "--duration", "10m"});
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_EQ(late.err, "error: start: 2025-06 is closed for billing\n");

  // July is open: an entry there is added, edited and deleted.
  CtlRun july = Ctl({"worklog", "add", id, "--type", "STA", "--start", "2025-07-01 10:00",
                     "--duration", "20m", "--output", "json"});
  ASSERT_EQ(july.exit_code, 0) << july.err;
  const std::string july_entry = FromJson<ticket::v1::WorkLogEntry>(july.out).id();
  EXPECT_EQ(Ctl({"worklog", "edit", id, july_entry, "--duration", "25m"}).exit_code, 0);
  CtlRun deleted = Ctl({"worklog", "delete", id, july_entry});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "Deleted work-log entry " + july_entry + "\n");
  CtlRun listed = Ctl({"worklog", "list", id, "--output", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(FromJson<ticket::v1::ListWorkLogResponse>(listed.out).entries_size(), 1);
  EXPECT_EQ(Ctl({"worklog", "delete", id, july_entry}).exit_code, 5);

  // The CSV export and a quote still work.
  CtlRun csv =
      Ctl({"reports", "billing", "--company", company_id, "--month", "2025-06", "--output", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("Aggiornamento e verifica"));
  CtlRun quote = Ctl(
      {"billing", "quote", "--entry", "SAD,2025-06-17T18:00:00+02:00,2025-06-17T19:00:00+02:00"});
  ASSERT_EQ(quote.exit_code, 0) << quote.err;
  EXPECT_THAT(quote.out, HasSubstr("Total: 75.00 EUR\n"));
}

TEST_F(Helpdeskctl, CompaniesDisableAndEnable) {
  Login();
  const std::string company_id = CreateCompany("02345678904");
  CtlRun disabled = Ctl({"companies", "disable", company_id});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_THAT(disabled.out, ContainsRegex("Active: +no\n"));
  CtlRun shown = Ctl({"companies", "show", company_id, "--output", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_FALSE(FromJson<identity::v1::Company>(shown.out).active());
  // Its portal account (the VAT number) can no longer sign in.
  const std::map<std::string, std::string> own = {{"XDG_CONFIG_HOME", stack_.dir() + "/uno"}};
  EXPECT_EQ(Ctl({"login", "-u", "02345678904", "--password-stdin"}, "02345678904\n", own).exit_code,
            3);

  CtlRun enabled = Ctl({"companies", "enable", company_id, "--output", "json"});
  ASSERT_EQ(enabled.exit_code, 0) << enabled.err;
  EXPECT_TRUE(FromJson<identity::v1::Company>(enabled.out).active());
  EXPECT_EQ(Ctl({"companies", "disable", "00000000-0000-4000-8000-000000000000"}).exit_code, 5);
}

// With the attachment service, its image limit lowered to keep the test small.
class HelpdeskctlAttachments : public Helpdeskctl {
 protected:
  std::vector<std::string> Services() const override {
    return {"identity", "ticket", "sla", "attachment"};
  }
  std::map<std::string, std::string> Env() const override {
    auto env = Helpdeskctl::Env();
    env["HELPDESK_MAX_IMAGE_BYTES"] = "4096";
    return env;
  }
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = stack_.dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
};

TEST_F(HelpdeskctlAttachments, ARepliesWithLocalFilesAttached) {
  Login();
  const std::string company_id = CreateCompany("02345678904");
  const std::string screenshot = Write("schermata.png", samples::Png(8, 8, 1));
  const std::string report = Write("rapporto.pdf", samples::Pdf("rapporto"));
  CtlRun created = Ctl({"tickets", "create", "--company", company_id, "--channel", "PHONE",
                        "--subject", "Stampa", "--scope", "ARXIVAR", "--topic", "ARXIVAR.WORKFLOW",
                        "--note", "Vedi allegato", "--attach", screenshot, "--output", "json"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = FromJson<ticket::v1::Ticket>(created.out).id();

  CtlRun replied = Ctl({"tickets", "reply", id, "--note", "Ecco il rapporto", "--attach", report,
                        "--attach", screenshot, "--output", "json"});
  ASSERT_EQ(replied.exit_code, 0) << replied.err;
  auto message = FromJson<ticket::v1::Message>(replied.out);
  ASSERT_EQ(message.images_size(), 1);
  EXPECT_EQ(message.images(0).filename(), "schermata.png");
  EXPECT_EQ(message.images(0).kind(), attachment::v1::Attachment::IMAGE);
  EXPECT_EQ(message.file().filename(), "rapporto.pdf");
  EXPECT_EQ(message.file().content_type(), "application/pdf");

  // The thread lists them: the opening note's image and the reply's two.
  CtlRun shown = Ctl({"tickets", "show", id, "--output", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto both = FromJson<google::protobuf::Struct>(shown.out);
  const auto& messages = both.fields().at("messages").list_value();
  ASSERT_EQ(messages.values_size(), 2);
  const auto& first = messages.values(0).struct_value().fields();
  EXPECT_EQ(first.at("images").list_value().values_size(), 1);
  const auto& reply = messages.values(1).struct_value().fields();
  EXPECT_EQ(reply.at("file").struct_value().fields().at("filename").string_value(), "rapporto.pdf");
  CtlRun table = Ctl({"tickets", "show", id});
  EXPECT_THAT(table.out, HasSubstr("file: rapporto.pdf ("));
  EXPECT_THAT(table.out, HasSubstr("schermata.png"));

  // An internal note with an image.
  CtlRun note = Ctl({"tickets", "reply", id, "--internal", "--note", "Nota", "--attach", screenshot,
                     "--output", "json"});
  ASSERT_EQ(note.exit_code, 0) << note.err;
  EXPECT_EQ(FromJson<ticket::v1::Message>(note.out).images_size(), 1);

  // Refusals, one line each: a missing file (usage, exit 2, nothing sent),
  // a type that is not allowed, content that is not what the name says, too
  // large (the server's messages, exit 1, naming the file).
  CtlRun missing =
      Ctl({"tickets", "reply", id, "--note", "x", "--attach", stack_.dir() + "/manca.png"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "error: --attach: cannot read \"" + stack_.dir() +
                             "/manca.png\": No such file or directory\n");
  const std::string exe = Write("programma.exe", samples::Executable());
  CtlRun refused_type = Ctl({"tickets", "reply", id, "--note", "x", "--attach", exe});
  EXPECT_EQ(refused_type.exit_code, 1);
  EXPECT_THAT(refused_type.err, StartsWith("error: " + exe + ": file: "));
  EXPECT_EQ(std::count(refused_type.err.begin(), refused_type.err.end(), '\n'), 1);
  const std::string fake = Write("finta.png", "this is not a png");
  CtlRun mismatch = Ctl({"tickets", "reply", id, "--note", "x", "--attach", fake});
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_THAT(mismatch.err, StartsWith("error: " + fake + ": file: "));
  // The size is judged as the bytes arrive, before the content.
  const std::string big = Write("grande.png", samples::Png() + std::string(5000, '\0'));
  CtlRun too_large = Ctl({"tickets", "reply", id, "--note", "x", "--attach", big});
  EXPECT_EQ(too_large.exit_code, 1);
  EXPECT_EQ(too_large.err,
            "error: " + big + ": file: larger than the limit of 4096 bytes for images\n");
  // Nothing of that reached the thread.
  auto after = FromJson<google::protobuf::Struct>(Ctl({"tickets", "show", id, "-o", "json"}).out);
  EXPECT_EQ(after.fields().at("messages").list_value().values_size(), 3);
}

TEST_F(Helpdeskctl, AccountsAndContactsWithFirstPasswords) {
  Login();
  CtlRun created = Ctl(
      {"accounts", "create", "-u", "mrossi", "--name", "Mario Rossi", "--role", "consultant",
       "--email", "m.rossi@example.it", "--language", "it", "--password-stdin", "--output", "json"},
      "Primo-Accesso-2025\n");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto account = FromJson<identity::v1::Account>(created.out);
  EXPECT_EQ(account.role(), common::v1::Person::CONSULTANT);
  EXPECT_TRUE(account.must_change_password());  // a first password
  EXPECT_TRUE(account.active());

  CtlRun table = Ctl({"accounts", "list", "--role", "consultant"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, ContainsRegex("mrossi +Mario Rossi +CONSULTANT +m.rossi@example.it +it "
                                       "+yes +yes +" +
                                       account.id()));
  EXPECT_THAT(table.out, ::testing::Not(HasSubstr("ADMINISTRATOR")));

  // The new consultant signs in (in a config folder of its own): the
  // password has expired.
  const std::map<std::string, std::string> own = {{"XDG_CONFIG_HOME", stack_.dir() + "/mrossi"}};
  CtlRun login = Ctl({"login", "-u", "mrossi", "--password-stdin"}, "Primo-Accesso-2025\n", own);
  EXPECT_EQ(login.exit_code, 0) << login.err;
  EXPECT_THAT(login.err, HasSubstr("warning: the password has expired"));

  CtlRun expired = Ctl({"accounts", "expire-password", account.id(), "--output", "json"});
  ASSERT_EQ(expired.exit_code, 0) << expired.err;
  EXPECT_TRUE(FromJson<identity::v1::Account>(expired.out).must_change_password());
  CtlRun disabled = Ctl({"accounts", "disable", account.id()});
  ASSERT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_THAT(disabled.out, ContainsRegex("Active: +no\n"));
  EXPECT_EQ(
      Ctl({"login", "-u", "mrossi", "--password-stdin"}, "Primo-Accesso-2025\n", own).exit_code, 3);

  // The server's refusals: one line, exit 1 (bad input) or 5 (unknown id).
  CtlRun weak = Ctl({"accounts", "create", "-u", "lbianchi", "--role", "administrator", "--email",
                     "l@example.it", "--password-stdin"},
                    "corto\n");
  EXPECT_EQ(weak.exit_code, 1) << weak.err;
  EXPECT_EQ(weak.err, "error: password: at least 10 characters\n");
  EXPECT_EQ(Ctl({"accounts", "disable", "00000000-0000-4000-8000-000000000000"}).exit_code, 5);

  const std::string company_id = CreateCompany("02345678904");
  CtlRun contact = Ctl({"contacts", "create", "--company", company_id, "-u", "anna.uno", "--email",
                        "anna@uno.example", "--password-stdin", "--output", "json"},
                       "Primo-Accesso-2025\n");
  ASSERT_EQ(contact.exit_code, 0) << contact.err;
  auto anna = FromJson<identity::v1::Account>(contact.out);
  EXPECT_EQ(anna.role(), common::v1::Person::CUSTOMER);
  EXPECT_EQ(anna.company_id(), company_id);
  EXPECT_TRUE(anna.must_change_password());
  CtlRun contacts = Ctl({"contacts", "list", "--company", company_id, "--output", "json"});
  ASSERT_EQ(contacts.exit_code, 0) << contacts.err;
  auto listed = FromJson<identity::v1::ListAccountsResponse>(contacts.out);
  bool found = false;
  for (const auto& a : listed.accounts()) {
    EXPECT_EQ(a.role(), common::v1::Person::CUSTOMER);
    EXPECT_EQ(a.company_id(), company_id);
    found = found || a.username() == "anna.uno";
  }
  EXPECT_TRUE(found) << contacts.out;
}

TEST_F(Helpdeskctl, CatalogScopesAndTopicsAddedRenamedRetired) {
  Login();
  CtlRun scope = Ctl({"catalog", "scope", "add", "ACME_CRM", "--name", "Acme CRM"});
  ASSERT_EQ(scope.exit_code, 0) << scope.err;
  EXPECT_THAT(scope.out, ContainsRegex("Scope: +ACME_CRM\n"));
  CtlRun topic =
      Ctl({"catalog", "topic", "add", "ACME_CRM.IVA", "--name", "IVA", "--output", "json"});
  ASSERT_EQ(topic.exit_code, 0) << topic.err;
  EXPECT_EQ(FromJson<ticket::v1::Topic>(topic.out).code(), "ACME_CRM.IVA");
  ASSERT_EQ(
      Ctl({"catalog", "topic", "rename", "ACME_CRM.IVA", "--name", "IVA e fatture"}).exit_code, 0);
  ASSERT_EQ(Ctl({"catalog", "scope", "rename", "ACME_CRM", "--name", "Acme"}).exit_code, 0);
  EXPECT_THAT(Ctl({"catalog", "list"}).out, ContainsRegex("  ACME_CRM.IVA +IVA e fatture +yes\n"));

  CtlRun again = Ctl({"catalog", "scope", "add", "ACME_CRM", "--name", "Doppio"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_THAT(again.err, StartsWith("error: "));

  CtlRun retired = Ctl({"catalog", "scope", "retire", "ACME_CRM"});
  ASSERT_EQ(retired.exit_code, 0) << retired.err;
  EXPECT_THAT(retired.out, ContainsRegex("Active: +no\n"));
  EXPECT_THAT(Ctl({"catalog", "list"}).out, ::testing::Not(HasSubstr("ACME_CRM")));
  EXPECT_THAT(Ctl({"catalog", "list", "--include-retired"}).out, HasSubstr("ACME_CRM"));
  ASSERT_EQ(Ctl({"catalog", "topic", "retire", "ACME_CRM.IVA"}).exit_code, 0);
  ASSERT_EQ(Ctl({"catalog", "scope", "restore", "ACME_CRM"}).exit_code, 0);
  EXPECT_THAT(Ctl({"catalog", "list"}).out, HasSubstr("ACME_CRM"));
  EXPECT_EQ(Ctl({"catalog", "topic", "rename", "NOPE.NOPE", "--name", "x"}).exit_code, 5);
}

TEST_F(Helpdeskctl, TheQueueInTheServersSlaOrderWithTimeLeftAndState) {
  Login();
  const std::string company_id = CreateCompany("02345678904");
  std::vector<std::string> ids;
  for (const char* priority : {"LOW", "MEDIUM", "HIGH"}) {
    CtlRun created = Ctl({"tickets", "create", "--company", company_id, "--channel", "PHONE",
                          "--subject", absl::StrCat("Priorità ", priority), "--scope", "ARXIVAR",
                          "--topic", "ARXIVAR.WORKFLOW", "--priority", priority, "--note",
                          "Richiesta", "--output", "json"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    ids.push_back(FromJson<ticket::v1::Ticket>(created.out).id());
  }
  CtlRun json = Ctl({"tickets", "queue", "--output", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto queue = FromJson<ticket::v1::ListTicketsResponse>(json.out);
  ASSERT_EQ(queue.tickets_size(), 3) << json.out;
  // Nearest due first: HIGH (2 h), MEDIUM (4 h), LOW (16 h).
  EXPECT_EQ(queue.tickets(0).id(), ids[2]);
  EXPECT_EQ(queue.tickets(1).id(), ids[1]);
  EXPECT_EQ(queue.tickets(2).id(), ids[0]);
  EXPECT_EQ(queue.tickets(0).sla_state(), ticket::v1::Ticket::OK);
  EXPECT_GT(queue.tickets(0).sla_remaining_minutes(), 0);
  EXPECT_LE(queue.tickets(0).sla_remaining_minutes(), 120);

  CtlRun table = Ctl({"tickets", "queue", "--company", company_id});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("SLA DUE           LEFT    SLA"));
  EXPECT_THAT(table.out, ContainsRegex("Priorità HIGH .* HIGH .* [0-9]h[0-5][0-9]m +OK "));

  // A taken ticket leaves the queue.
  ASSERT_EQ(Ctl({"tickets", "take", ids[2]}).exit_code, 0);
  queue = FromJson<ticket::v1::ListTicketsResponse>(Ctl({"tickets", "queue", "-o", "json"}).out);
  ASSERT_EQ(queue.tickets_size(), 2);
  EXPECT_EQ(queue.tickets(0).id(), ids[1]);
}

TEST_F(Helpdeskctl, SlaReportForAPeriod) {
  Login();
  CtlRun report = Ctl({"reports", "sla", "--from", "2025-06-01 00:00", "--to", "2025-07-01 00:00",
                       "--output", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  FromJson<sla::v1::SlaReport>(report.out);
  CtlRun table = Ctl({"reports", "sla", "--month", "2025-06"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out,
              StartsWith("Tickets created from 2025-06-01 00:00 to 2025-07-01 00:00 (excluded)\n"));

  // A ticket of now: the SLA service learns of it by its event, so the
  // report is asked until it counts it.
  const std::string company_id = CreateCompany("02345678904");
  CtlRun created = Ctl({"tickets", "create", "--company", company_id, "--channel", "PHONE",
                        "--subject", "Stampa", "--scope", "ARXIVAR", "--topic", "ARXIVAR.WORKFLOW",
                        "--priority", "HIGH", "--note", "Richiesta"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const absl::Time now = absl::Now();
  const std::vector<std::string> period = {
      "reports",   "sla",
      "--company", company_id,
      "--from",    absl::FormatTime(absl::RFC3339_sec, now - absl::Hours(1), absl::UTCTimeZone()),
      "--to",      absl::FormatTime(absl::RFC3339_sec, now + absl::Hours(1), absl::UTCTimeZone())};
  std::vector<std::string> as_json = period;
  as_json.insert(as_json.end(), {"--output", "json"});
  sla::v1::SlaReport counted;
  for (const absl::Time deadline = now + absl::Seconds(20);
       counted.companies_size() == 0 && absl::Now() < deadline;) {
    CtlRun run = Ctl(as_json);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    counted = FromJson<sla::v1::SlaReport>(run.out);
  }
  ASSERT_EQ(counted.companies_size(), 1);
  EXPECT_EQ(counted.companies(0).company_id(), company_id);
  CtlRun named = Ctl(period);
  ASSERT_EQ(named.exit_code, 0) << named.err;
  EXPECT_THAT(named.out, ContainsRegex("\nUno S.r.l. +[0-9]+ +[0-9]+ .* " + company_id + "\n"));

  CtlRun backwards =
      Ctl({"reports", "sla", "--from", "2025-07-01 00:00", "--to", "2025-06-01 00:00"});
  EXPECT_EQ(backwards.exit_code, 1);
  EXPECT_EQ(backwards.err, "error: to: must be after from\n");
}

TEST_F(Helpdeskctl, CompaniesImportedFromCsvWithAReportPerLine) {
  Login();
  const std::string csv = stack_.dir() + "/companies.csv";
  std::ofstream(csv) << "name,vatNumber,notificationEmail,hourlyRate\n"
                        "\"Uno, S.r.l.\",02345678904,it@uno.example,75.50\n"
                        "Due S.r.l.,07654321012,,sessanta\n"
                        "Tre S.r.l.,12345678901,,\n"
                        "Quattro S.r.l.,01111111116,,\n";
  CtlRun imported = Ctl({"companies", "import", csv});
  EXPECT_EQ(imported.exit_code, 1) << imported.err;
  EXPECT_THAT(imported.out, ContainsRegex("\n2 +Uno, S.r.l. +02345678904 +created +[0-9a-f-]+\n"));
  EXPECT_THAT(imported.out, ContainsRegex("\n3 +Due S.r.l. +07654321012 +error: hourlyRate"));
  EXPECT_THAT(imported.out, ContainsRegex("\n4 +Tre S.r.l. +12345678901 +error: vatNumber"));
  EXPECT_THAT(imported.out, ContainsRegex("\n5 +Quattro S.r.l. +01111111116 +created"));
  EXPECT_THAT(imported.out, HasSubstr("2 created, 2 failed\n"));
  EXPECT_EQ(imported.err, "error: 2 of 4 lines not imported (see above)\n");

  auto companies = FromJson<identity::v1::ListCompaniesResponse>(
      Ctl({"companies", "list", "--output", "json"}).out);
  ASSERT_EQ(companies.companies_size(), 2);
  for (const auto& c : companies.companies()) {
    if (c.vat_number() == "02345678904") {
      EXPECT_EQ(c.contract().hourly_rate_cents(), 7550);
    }
  }

  // Again, as JSON: every line now fails (already there); from stdin.
  CtlRun again = Ctl({"companies", "import", "-", "--output", "json"},
                     "name,vatNumber\nUno S.r.l.,02345678904\n");
  EXPECT_EQ(again.exit_code, 1);
  auto report = FromJson<google::protobuf::Struct>(again.out);
  EXPECT_EQ(report.fields().at("failed").number_value(), 1);
  const auto& line = report.fields().at("lines").list_value().values(0).struct_value().fields();
  EXPECT_EQ(line.at("line").number_value(), 2);
  EXPECT_FALSE(line.at("created").bool_value());
  EXPECT_FALSE(line.at("error").string_value().empty());
}

}  // namespace
}  // namespace helpdesk
