// tickets take|assign|reply|priority|close|reopen (TicketService): each
// answers with the updated ticket (or the new message).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/attachments.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/parse.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using ticket::v1::Ticket;

constexpr char kTake[] = "helpdesk.ticket.v1.TicketService.TakeTicket";
constexpr char kAssign[] = "helpdesk.ticket.v1.TicketService.AssignTicket";
constexpr char kAddMessage[] = "helpdesk.ticket.v1.TicketService.AddMessage";
constexpr char kUpdate[] = "helpdesk.ticket.v1.TicketService.UpdateTicket";
constexpr char kClose[] = "helpdesk.ticket.v1.TicketService.CloseTicket";
constexpr char kReopen[] = "helpdesk.ticket.v1.TicketService.ReopenTicket";

struct ActionFlags {
  std::string id;
  std::string assignee;
  std::string priority;
  std::string note;
  std::string note_file;
  std::vector<std::string> attach;
  bool internal = false;
};

// Calls a method that takes {id} and answers with the ticket.
template <typename Request>
absl::Status Act(Context& ctx, const char* method, const std::string& id) {
  Request request;
  request.set_id(id);
  Ticket ticket;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(method, request, &ticket));
  return ctx.Print(ticket, [&] { return TicketDetails(ticket, ctx.zone()); });
}

absl::Status Assign(Context& ctx, const ActionFlags& flags) {
  ticket::v1::AssignTicketRequest request;
  request.set_id(flags.id);
  request.set_assignee_id(flags.assignee);
  Ticket ticket;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kAssign, request, &ticket));
  return ctx.Print(ticket, [&] { return TicketDetails(ticket, ctx.zone()); });
}

absl::Status Priority(Context& ctx, const ActionFlags& flags) {
  ticket::v1::UpdateTicketRequest request;
  request.set_id(flags.id);
  Ticket::Priority priority = Ticket::PRIORITY_UNSPECIFIED;
  Ticket::Priority_Parse(absl::AsciiStrToUpper(flags.priority), &priority);
  request.set_priority(priority);
  Ticket ticket;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kUpdate, request, &ticket));
  return ctx.Print(ticket, [&] { return TicketDetails(ticket, ctx.zone()); });
}

absl::Status Reply(Context& ctx, const ActionFlags& flags) {
  ticket::v1::AddMessageRequest request;
  request.set_id(flags.id);
  HELPDESK_ASSIGN_OR_RETURN(std::string note, ReadText(flags.note, flags.note_file, *ctx.io().in,
                                                       "--note", "--note-file"));
  request.set_note(note);
  request.set_internal(flags.internal);
  HELPDESK_ASSIGN_OR_RETURN(MessageAttachments attached, UploadAttachments(ctx, flags.attach));
  for (const std::string& id : attached.image_ids) request.add_image_ids(id);
  request.set_file_id(attached.file_id);
  ticket::v1::Message message;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kAddMessage, request, &message));
  return ctx.Print(message, [&] { return MessageText(message, ctx.zone()); });
}

// A subcommand taking the ticket id.
CLI::App* OnTicket(CLI::App* tickets, const std::string& name, const std::string& description,
                   ActionFlags& flags) {
  CLI::App* command = Command(tickets, name, description);
  command->add_option("id", flags.id, "Ticket id")->required();
  return command;
}

}  // namespace

void AddTicketActionCommands(CLI::App* tickets, Context& ctx) {
  auto take = std::make_shared<ActionFlags>();
  OnRun(OnTicket(tickets, "take", "Take a ticket in charge (assigns it to you)", *take), ctx,
        [&ctx, take] { return Act<ticket::v1::TakeTicketRequest>(ctx, kTake, take->id); });

  auto assign = std::make_shared<ActionFlags>();
  CLI::App* assign_command =
      OnTicket(tickets, "assign", "Assign a ticket to a consultant", *assign);
  assign_command->add_option("--to", assign->assignee, "The consultant's account id")->required();
  OnRun(assign_command, ctx, [&ctx, assign] { return Assign(ctx, *assign); });

  auto reply = std::make_shared<ActionFlags>();
  CLI::App* reply_command =
      OnTicket(tickets, "reply",
               "Reply to the customer (an e-mail tells them), or add an internal note", *reply);
  reply_command->add_option("--note", reply->note, "The text");
  reply_command->add_option("--note-file", reply->note_file,
                            "Read the text from a file (- = stdin)");
  reply_command->add_flag("--internal", reply->internal,
                          "An internal note, never shown to the customer");
  AddAttachOption(reply_command, reply->attach);
  OnRun(reply_command, ctx, [&ctx, reply] { return Reply(ctx, *reply); });

  auto priority = std::make_shared<ActionFlags>();
  CLI::App* priority_command =
      OnTicket(tickets, "priority",
               "Change a ticket's priority (its SLA due instant is recomputed)", *priority);
  priority_command->add_option("priority", priority->priority, "HIGH, MEDIUM or LOW")
      ->required()
      ->check(CLI::IsMember({"HIGH", "MEDIUM", "LOW"}, CLI::ignore_case));
  OnRun(priority_command, ctx, [&ctx, priority] { return Priority(ctx, *priority); });

  auto close = std::make_shared<ActionFlags>();
  OnRun(OnTicket(tickets, "close", "Close a ticket", *close), ctx,
        [&ctx, close] { return Act<ticket::v1::CloseTicketRequest>(ctx, kClose, close->id); });

  auto reopen = std::make_shared<ActionFlags>();
  OnRun(OnTicket(tickets, "reopen", "Reopen a closed ticket", *reopen), ctx,
        [&ctx, reopen] { return Act<ticket::v1::ReopenTicketRequest>(ctx, kReopen, reopen->id); });
}

}  // namespace helpdesk::helpdeskctl
