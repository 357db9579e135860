// helpdeskctl's commands, one registration function per group. Each leaf
// command parses its flags into a small struct and sets the context's action;
// app.cc runs the action after parsing and turns its status into an exit
// code.
//
//   CLI::App* take = Command(tickets, "take", "Take a ticket in charge …");
//   auto id = std::make_shared<std::string>();
//   take->add_option("id", *id, "ticket id")->required();
//   OnRun(take, ctx, [&ctx, id] { … return ctx.Print(ticket, …); });
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "tools/helpdeskctl/context.h"

namespace helpdesk::helpdeskctl {

// A subcommand (it inherits the footer with the exit codes).
CLI::App* Command(CLI::App* parent, const std::string& name, const std::string& description);
// A group of subcommands: one of them is required.
CLI::App* Group(CLI::App* parent, const std::string& name, const std::string& description);
// Runs `action` when `command` is the one chosen.
void OnRun(CLI::App* command, Context& ctx, std::function<absl::Status()> action,
           bool allows_csv = false);

void AddSessionCommands(CLI::App& app, Context& ctx);  // login, logout, whoami, config
void AddCompanyCommands(CLI::App& app, Context& ctx);  // companies …
void AddTicketCommands(CLI::App& app, Context& ctx);   // tickets list|queue|show|create|history
void AddTicketActionCommands(CLI::App* tickets,
                             Context& ctx);            // take|assign|reply|priority|close|reopen
void AddAccountCommands(CLI::App& app, Context& ctx);  // accounts …, contacts …
void AddCatalogCommands(CLI::App& app, Context& ctx);  // catalog list, scope …, topic …
void AddSlaCommands(CLI::App& app, Context& ctx);      // sla due
void AddBillingCommands(CLI::App& app, Context& ctx);  // worklog, reports billing, billing quote
void AddSlaReportCommand(CLI::App* reports, Context& ctx);  // reports sla
void AddDeliveryCommands(CLI::App& app, Context& ctx);      // deliveries

// The whole command line.
void BuildApp(CLI::App& app, Context& ctx);

// Runs helpdeskctl: parses, runs the command, prints "error: …" on
// failure; the exit code.
int Main(int argc, const char* const* argv, Io io);

}  // namespace helpdesk::helpdeskctl
