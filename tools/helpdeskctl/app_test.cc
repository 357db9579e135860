// The command line run in-process: help, usage errors, the stored login's
// errors, an unreachable service, and the offline quote (SPEC §5).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "tools/helpdeskctl/credentials.h"
#include "tools/helpdeskctl/test_support.h"

namespace helpdesk::helpdeskctl {
namespace {

using ::testing::HasSubstr;
using testing::RunCtl;
using ::testing::StartsWith;
using testing::TempDir;

// A port nobody listens on: bound and closed would race; port 1 needs root
// to listen on and nothing does.
constexpr char kNowhere[] = "127.0.0.1:1";

class App : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Env() {
    return {{"XDG_CONFIG_HOME", dir_.path()}, {"HOME", dir_.path()}, {"TZ", "Europe/Rome"}};
  }
  void StoreLogin(absl::Time expires_at = absl::InfiniteFuture()) {
    ASSERT_TRUE(CredentialStore(dir_.path() + "/helpdeskctl")
                    .Save({"admin", "v1.token", "refresh", expires_at})
                    .ok());
  }
  TempDir dir_;
};

TEST_F(App, HelpOnEveryCommandWithTheExitCodes) {
  for (std::vector<std::string> args :
       std::vector<std::vector<std::string>>{{"--help"},
                                             {"tickets", "--help"},
                                             {"tickets", "take", "--help"},
                                             {"companies", "create", "--help"},
                                             {"sla", "due", "--help"},
                                             {"reports", "billing", "--help"},
                                             {"reports", "sla", "--help"},
                                             {"accounts", "create", "--help"},
                                             {"accounts", "expire-password", "--help"},
                                             {"contacts", "create", "--help"},
                                             {"catalog", "scope", "retire", "--help"},
                                             {"catalog", "topic", "add", "--help"},
                                             {"companies", "import", "--help"},
                                             {"companies", "disable", "--help"},
                                             {"worklog", "edit", "--help"},
                                             {"worklog", "delete", "--help"},
                                             {"billing", "close", "--help"},
                                             {"tickets", "reply", "--help"},
                                             {"login", "--help"}}) {
    testing::Run run = RunCtl(args, Env());
    EXPECT_EQ(run.exit_code, 0) << args[0];
    EXPECT_THAT(run.out, HasSubstr("Exit codes: 0 ok;")) << args[0];
    EXPECT_THAT(run.out, HasSubstr("Usage:")) << args[0];
  }
  EXPECT_THAT(RunCtl({"tickets", "take", "--help"}, Env()).out, HasSubstr("Ticket id"));
}

TEST_F(App, UsageErrorsExitTwo) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {},
           {"nonsense"},
           {"tickets"},
           {"tickets", "take"},
           {"tickets", "list", "--status", "LOST"},
           {"tickets", "list", "--output", "yaml"},
           {"tickets", "list", "--output", "csv"},
           {"sla", "due", "--start", "2025-06-17T10:00:00+02:00"},
           {"sla", "due", "--start", "yesterday", "--priority", "HIGH"},
           {"reports", "billing", "--company", "c", "--month", "June"},
           {"worklog", "add", "t", "--type", "SAT", "--start", "2025-06-17 10:00"},
           {"billing", "quote", "--entry", "SAD,2025-06-17 10:00"},
           {"companies", "update", "some-id"},
           {"accounts", "create", "-u", "mrossi", "--email", "m@x.it", "--role", "customer"},
           {"accounts", "create", "-u", "mrossi", "--email", "m@x.it", "--role", "consultant"},
           {"accounts", "list", "--role", "boss"},
           {"contacts", "create", "-u", "mrossi", "--email", "m@x.it"},
           {"contacts", "list"},
           {"catalog", "scope", "add", "XCROSS"},
           {"catalog", "topic", "add", "NODOT", "--name", "Senza punto"},
           {"catalog", "scope"},
           {"reports", "sla"},
           {"reports", "sla", "--month", "2025-13"},
           {"reports", "sla", "--from", "2025-06-01 00:00"},
           {"companies", "import", "/nonexistent/companies.csv"},
           {"worklog", "edit", "t", "e"},
           {"worklog", "edit", "t", "e", "--end", "2025-06-17 10:00", "--duration", "1h"},
           {"worklog", "edit", "t", "e", "--type", "XYZ"},
           {"worklog", "delete", "t"},
           {"billing", "close", "--company", "c"},
           {"billing", "close", "--company", "c", "--month", "2025/06"},
           {"companies", "disable"},
           {"tickets", "reply", "t", "--note", "x", "--attach", "/nonexistent/a.png"},
           {"tickets", "reply", "t", "--note", "x", "--attach", "a.pdf", "--attach", "b.zip"},
           {"tickets", "create", "--company", "c", "--channel", "PHONE", "--subject", "s",
            "--scope", "ARXIVAR", "--note", "x", "--attach", "/nonexistent/a.pdf"},
           {"login", "--username", "admin"},  // no terminal in a test
       }) {
    testing::Run run = RunCtl(args, Env());
    EXPECT_EQ(run.exit_code, 2) << (args.empty() ? "(none)" : args.back()) << ": " << run.err;
    EXPECT_THAT(run.err, StartsWith("error: "));
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

TEST_F(App, AnImportWithABadHeaderCreatesNothingAndExitsTwo) {
  StoreLogin();
  // The ticket address is nowhere: a call would exit 6, the header is refused first.
  testing::Run run = RunCtl({"companies", "import", "-", "--identity", kNowhere}, Env(),
                            "name,partitaIva\nUno,02345678904\n");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.err,
            "error: -: line 1: unknown column \"partitaIva\" (the columns: name, vatNumber, "
            "notificationEmail, language, hourlyRate, urgentCallFee, calendar)\n");
}

TEST_F(App, AnImportStopsAtAnUnreachableServiceAndSaysWhatWasNotTried) {
  StoreLogin();
  testing::Run run = RunCtl({"companies", "import", "-", "--identity", kNowhere}, Env(),
                            "name,vatNumber\nUno,02345678904\nDue,07654321012\n");
  EXPECT_EQ(run.exit_code, 6) << run.err;
  EXPECT_THAT(run.out, HasSubstr("3     Due   07654321012  error: not tried"));
  EXPECT_THAT(run.err, StartsWith("error: cannot reach the identity service"));
}

TEST_F(App, NotLoggedInExitsThree) {
  testing::Run run = RunCtl({"tickets", "list"}, Env());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.err, "error: not logged in: run helpdeskctl login\n");
}

TEST_F(App, AGarbageCredentialFileExitsThree) {
  std::filesystem::create_directories(dir_.path() + "/helpdeskctl");
  std::ofstream(dir_.path() + "/helpdeskctl/credentials.json") << "garbage";
  testing::Run run = RunCtl({"tickets", "list"}, Env());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("is not a helpdeskctl login: run helpdeskctl login\n"));
}

TEST_F(App, AnUnreachableServiceExitsSix) {
  StoreLogin();
  testing::Run run = RunCtl({"tickets", "show", "x", "--ticket", kNowhere}, Env());
  EXPECT_EQ(run.exit_code, 6) << run.err;
  EXPECT_THAT(run.err, StartsWith("error: cannot reach the ticket service at 127.0.0.1:1: "));
}

TEST_F(App, AnExpiredLoginIsRefreshedFirstAndAnUnreachableIdentityExitsSix) {
  StoreLogin(absl::Now() - absl::Minutes(1));
  testing::Run run = RunCtl({"tickets", "list", "--identity", kNowhere}, Env());
  EXPECT_EQ(run.exit_code, 6) << run.err;
  EXPECT_THAT(run.err, StartsWith("error: cannot reach the identity service at 127.0.0.1:1"));
}

TEST_F(App, ABadConfigFileIsAUsageError) {
  std::filesystem::create_directories(dir_.path() + "/helpdeskctl");
  std::ofstream(dir_.path() + "/helpdeskctl/config.toml") << "tikcet = 1\n";
  StoreLogin();
  testing::Run run = RunCtl({"tickets", "list"}, Env());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("config.toml:1: unknown key"));
}

TEST_F(App, ConfigShowsWhereEachSettingComesFrom) {
  std::map<std::string, std::string> env = Env();
  env["HELPDESKCTL_SLA"] = "10.0.0.6:9104";
  testing::Run run = RunCtl({"config", "--ticket", "10.0.0.5:9102"}, env);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("ticket        10.0.0.5:9102"));
  EXPECT_THAT(run.out, HasSubstr("flag"));
  EXPECT_THAT(run.out, HasSubstr("env HELPDESKCTL_SLA"));
  EXPECT_THAT(run.out, HasSubstr("127.0.0.1:17111"));
}

TEST_F(App, LogoutWithoutALoginIsFine) {
  testing::Run run = RunCtl({"logout"}, Env());
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(App, OfflineQuoteOfTheSpecsEveningExample) {
  testing::Run run = RunCtl({"billing", "quote", "--offline", "--entry",
                             "SAD,2025-06-17T18:00:00+02:00,2025-06-17T19:00:00+02:00"},
                            Env());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Total: 75.00 EUR"));
  run = RunCtl({"billing", "quote", "--offline", "--output", "json", "--entry",
                "SAD,2025-06-17T09:00:00+02:00,2025-06-17T12:00:00+02:00,on-site"},
               Env());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"totalCents\": \"24000\""));
  EXPECT_THAT(run.out, HasSubstr("\"billableMinutes\": 240"));
  run = RunCtl({"billing", "quote", "--offline", "--entry",
                "SAT,2025-06-17T10:00:00+02:00,2025-06-17T10:00:00+02:00,on-site"},
               Env());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("entries[0].end"));
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
