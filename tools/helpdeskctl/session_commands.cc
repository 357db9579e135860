// login, logout, whoami, config: the stored login and where helpdeskctl
// connects.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/client.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kGetMe[] = "helpdesk.identity.v1.IdentityService.GetMe";

struct LoginFlags {
  std::string username;
  bool password_stdin = false;
};

absl::StatusOr<std::string> ReadPassword(Context& ctx, const LoginFlags& flags) {
  std::string password;
  if (flags.password_stdin) {
    std::getline(*ctx.io().in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else {
    absl::StatusOr<std::string> typed =
        ctx.io().read_password(absl::StrCat("Password for ", flags.username, ": "));
    if (!typed.ok()) return UsageError(typed.status().message());
    password = *std::move(typed);
  }
  if (password.empty()) return UsageError("the password is empty");
  return password;
}

absl::Status Login(Context& ctx, const LoginFlags& flags) {
  HELPDESK_ASSIGN_OR_RETURN(std::string password, ReadPassword(ctx, flags));
  HELPDESK_ASSIGN_OR_RETURN(Client * client, ctx.client());
  bool must_change_password = false;
  HELPDESK_RETURN_IF_ERROR(client->Login(flags.username, password, &must_change_password));
  if (must_change_password) {
    *ctx.io().err << "warning: the password has expired: change it in the portal, then log in "
                     "again\n";
  }
  identity::v1::GetMeRequest request;
  identity::v1::Me me;
  HELPDESK_RETURN_IF_ERROR(client->Call(kGetMe, request, &me));
  return ctx.Print(me, [&] {
    return absl::StrCat("Logged in as ", me.username(), " (", me.account().display_name(), ", ",
                        common::v1::Person::Role_Name(me.account().role()),
                        "); the login is kept in ", client->store().path(), "\n");
  });
}

absl::Status Logout(Context& ctx) {
  HELPDESK_ASSIGN_OR_RETURN(Client * client, ctx.client());
  std::string warning;
  HELPDESK_RETURN_IF_ERROR(client->Logout(&warning));
  if (!warning.empty()) *ctx.io().err << "warning: " << warning << "\n";
  if (!ctx.json()) ctx.out() << "Logged out.\n";
  return absl::OkStatus();
}

absl::Status WhoAmI(Context& ctx) {
  identity::v1::GetMeRequest request;
  identity::v1::Me me;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kGetMe, request, &me));
  return ctx.Print(me, [&] { return MeDetails(me); });
}

absl::Status ShowConfig(Context& ctx) {
  HELPDESK_ASSIGN_OR_RETURN(Settings settings, ctx.settings());
  Table table({"SETTING", "VALUE", "FROM"});
  for (const auto& [key, value] : settings.origins) table.AddRow({key, value.first, value.second});
  table.AddRow({"credentials", ConfigDir(ctx.io().env) + "/credentials.json", ""});
  ctx.out() << table.Render();
  return absl::OkStatus();
}

}  // namespace

void AddSessionCommands(CLI::App& app, Context& ctx) {
  CLI::App* login = Command(&app, "login",
                            "Sign in as a staff account and keep the login (0600) in "
                            "$XDG_CONFIG_HOME/helpdeskctl/credentials.json");
  auto login_flags = std::make_shared<LoginFlags>();
  login->add_option("-u,--username", login_flags->username, "Staff username")->required();
  login->add_flag("--password-stdin", login_flags->password_stdin,
                  "Read the password from the first line of standard input "
                  "(default: ask on the terminal, without echo)");
  OnRun(login, ctx, [&ctx, login_flags] { return Login(ctx, *login_flags); });

  CLI::App* logout = Command(&app, "logout", "End the session and forget the stored login");
  OnRun(logout, ctx, [&ctx] { return Logout(ctx); });

  CLI::App* whoami = Command(&app, "whoami", "Show the signed-in account");
  OnRun(whoami, ctx, [&ctx] { return WhoAmI(ctx); });

  CLI::App* config = Command(&app, "config",
                             "Show the service addresses and settings in use, and where each "
                             "comes from");
  OnRun(config, ctx, [&ctx] { return ShowConfig(ctx); });
}

}  // namespace helpdesk::helpdeskctl
