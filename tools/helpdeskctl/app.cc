// The command line: global flags, the command groups, and the run that
// turns a status into "error: …" and an exit code.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kSettingsHelp[] =
    "Settings: flags, then HELPDESKCTL_* variables, then "
    "$XDG_CONFIG_HOME/helpdeskctl/config.toml, then the local stack's ports (docs/helpdeskctl.md).";

// "tickets take": the chosen subcommands.
std::string ChosenPath(const CLI::App& app) {
  std::vector<std::string> names;
  const CLI::App* at = &app;
  while (true) {
    std::vector<const CLI::App*> chosen =
        at->get_subcommands([](const CLI::App* sub) { return sub->parsed(); });
    if (chosen.empty()) break;
    at = chosen.front();
    names.push_back(at->get_name());
  }
  return absl::StrJoin(names, " ");
}

}  // namespace

CLI::App* Command(CLI::App* parent, const std::string& name, const std::string& description) {
  return parent->add_subcommand(name, description);
}

CLI::App* Group(CLI::App* parent, const std::string& name, const std::string& description) {
  CLI::App* group = parent->add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

void OnRun(CLI::App* command, Context& ctx, std::function<absl::Status()> action, bool allows_csv) {
  command->callback(
      [&ctx, action = std::move(action), allows_csv] { ctx.SetAction(action, allows_csv); });
}

void BuildApp(CLI::App& app, Context& ctx) {
  app.footer(absl::StrCat("\n", kExitCodesHelp, "\n", kSettingsHelp));
  app.fallthrough();  // global flags also after the command: `tickets list --output json`
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Print the help of every command and exit");
  app.add_option("-o,--output", ctx.output(), "Output format: table, json (or csv for reports)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  app.add_option("--config", ctx.config_path(),
                 "Config file (default $XDG_CONFIG_HOME/helpdeskctl/config.toml)");
  for (const std::string& key : ServiceKeys()) {
    app.add_option("--" + key, ctx.setting_flags()[key],
                   absl::StrCat("Address of the ", key, " service (host:port)"))
        ->group("Service addresses");
  }
  app.add_option("--server", ctx.setting_flags()["server"],
                 "One address for every service (the Kubernetes gRPC ingress)")
      ->group("Service addresses");
  app.add_option("--timeout", ctx.setting_flags()["timeout"],
                 "Deadline of each call (default 10s)");
  app.add_option("--ca-file", ctx.setting_flags()["ca_file"], "CA certificates for --tls (PEM)");
  auto tls = std::make_shared<int>(0);
  app.add_flag("--tls,!--no-tls", *tls, "Use TLS (the Kubernetes ingress), or not");
  app.parse_complete_callback([&ctx, tls] {
    if (*tls != 0) ctx.setting_flags()["tls"] = *tls > 0 ? "true" : "false";
  });

  AddSessionCommands(app, ctx);
  AddCompanyCommands(app, ctx);
  AddAccountCommands(app, ctx);
  AddTicketCommands(app, ctx);
  AddCatalogCommands(app, ctx);
  AddSlaCommands(app, ctx);
  AddBillingCommands(app, ctx);
  AddDeliveryCommands(app, ctx);
}

int Main(int argc, const char* const* argv, Io io) {
  Context ctx(std::move(io));
  std::ostream& out = *ctx.io().out;
  std::ostream& err = *ctx.io().err;
  CLI::App app("helpdeskctl: the consultants' admin client for helpdesk (gRPC).", "helpdeskctl");
  BuildApp(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    const std::string path = ChosenPath(app);
    err << "error: " << OneLine(e.what()) << " (see helpdeskctl " << path
        << (path.empty() ? "" : " ") << "--help)\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  const absl::Status status = ctx.RunAction();
  if (!status.ok()) {
    err << "error: " << OneLine(status.message()) << "\n";
  }
  return static_cast<int>(ExitCodeOf(status));
}

}  // namespace helpdesk::helpdeskctl
