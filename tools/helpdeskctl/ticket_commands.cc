// tickets list|queue|show|create|history (TicketService); the actions on a
// ticket are in ticket_action_commands.cc.
#include <google/protobuf/struct.pb.h>

#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/attachments.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/parse.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using ticket::v1::Ticket;

constexpr char kList[] = "helpdesk.ticket.v1.TicketService.ListTickets";
constexpr char kGet[] = "helpdesk.ticket.v1.TicketService.GetTicket";
constexpr char kMessages[] = "helpdesk.ticket.v1.TicketService.ListMessages";
constexpr char kHistory[] = "helpdesk.ticket.v1.TicketService.GetHistory";
constexpr char kCreate[] = "helpdesk.ticket.v1.TicketService.CreateTicket";
// The queue reads at most this many open tickets.
constexpr int kQueueLimit = 1000;

struct ListFlags {
  std::string status, scope, priority, query, company, assignee, page_token;
  bool unassigned = false;
  int page_size = 50;
};

struct CreateFlags {
  std::string company, channel, subject, scope, topic, priority = "MEDIUM", note, note_file;
  std::vector<std::string> attach;
  bool urgent_on_site = false;
};

template <typename Enum>
Enum EnumValue(const std::string& name, bool (*parse)(const std::string&, Enum*)) {
  Enum value{};
  if (!name.empty()) parse(absl::AsciiStrToUpper(name), &value);
  return value;
}

absl::Status List(Context& ctx, const ListFlags& flags) {
  ticket::v1::ListTicketsRequest request;
  request.set_status(EnumValue(flags.status, &Ticket::Status_Parse));
  request.set_priority(EnumValue(flags.priority, &Ticket::Priority_Parse));
  request.set_scope(flags.scope);
  request.set_q(flags.query);
  request.set_company_id(flags.company);
  request.set_assignee_id(flags.assignee);
  request.set_unassigned(flags.unassigned);
  request.set_page_size(flags.page_size);
  request.set_page_token(flags.page_token);
  ticket::v1::ListTicketsResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kList, request, &response));
  return ctx.Print(response, [&] { return TicketsTable(response, ctx.zone()); });
}

// Open tickets, the most urgent take-in-charge first: the server orders
// them (orderBy "slaDue") and says the business time left on each company's
// calendar.
absl::Status Queue(Context& ctx, const std::string& company) {
  ticket::v1::ListTicketsResponse all;
  ticket::v1::ListTicketsRequest request;
  request.set_status(Ticket::OPEN);
  request.set_company_id(company);
  request.set_order_by("slaDue");
  request.set_page_size(200);
  do {
    ticket::v1::ListTicketsResponse page;
    HELPDESK_RETURN_IF_ERROR(ctx.Call(kList, request, &page));
    for (Ticket& t : *page.mutable_tickets()) *all.add_tickets() = std::move(t);
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && all.tickets_size() < kQueueLimit);
  if (!request.page_token().empty()) all.set_next_page_token(request.page_token());
  return ctx.Print(all, [&] { return QueueTable(all, ctx.zone()); });
}

absl::Status Show(Context& ctx, const std::string& id) {
  ticket::v1::GetTicketRequest get;
  get.set_id(id);
  Ticket ticket;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kGet, get, &ticket));
  ticket::v1::ListMessagesRequest list;
  list.set_id(id);
  ticket::v1::ListMessagesResponse messages;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kMessages, list, &messages));
  std::string json;
  if (ctx.json()) {
    // {"ticket": Ticket, "messages": [Message]}
    google::protobuf::Struct both;
    HELPDESK_ASSIGN_OR_RETURN((*both.mutable_fields())["ticket"], ToJsonValue(ticket));
    HELPDESK_ASSIGN_OR_RETURN(google::protobuf::Value thread, ToJsonValue(messages));
    (*both.mutable_fields())["messages"] = thread.struct_value().fields().at("messages");
    HELPDESK_ASSIGN_OR_RETURN(json, ToJson(both));
  }
  return ctx.PrintJsonOr(json, [&] {
    return TicketDetails(ticket, ctx.zone()) + "\n" + ThreadText(messages, ctx.zone());
  });
}

absl::Status History(Context& ctx, const std::string& id) {
  ticket::v1::GetHistoryRequest request;
  request.set_id(id);
  ticket::v1::GetHistoryResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kHistory, request, &response));
  return ctx.Print(response, [&] { return HistoryTable(response, ctx.zone()); });
}

absl::Status Create(Context& ctx, const CreateFlags& flags) {
  ticket::v1::CreateTicketRequest request;
  HELPDESK_ASSIGN_OR_RETURN(std::string note, ReadText(flags.note, flags.note_file, *ctx.io().in,
                                                       "--note", "--note-file"));
  request.set_note(note);
  request.set_company_id(flags.company);
  request.set_channel(EnumValue(flags.channel, &Ticket::Channel_Parse));
  request.set_subject(flags.subject);
  request.set_scope(flags.scope);
  request.set_topic(flags.topic);
  request.set_priority(EnumValue(flags.priority, &Ticket::Priority_Parse));
  request.set_urgent_on_site(flags.urgent_on_site);
  HELPDESK_ASSIGN_OR_RETURN(MessageAttachments attached, UploadAttachments(ctx, flags.attach));
  for (const std::string& id : attached.image_ids) request.add_image_ids(id);
  request.set_file_id(attached.file_id);
  Ticket ticket;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kCreate, request, &ticket));
  return ctx.Print(ticket, [&] { return TicketDetails(ticket, ctx.zone()); });
}

CLI::Validator OneOf(std::vector<std::string> values) {
  return CLI::IsMember(std::move(values), CLI::ignore_case);
}

}  // namespace

void AddTicketCommands(CLI::App& app, Context& ctx) {
  CLI::App* tickets = Group(&app, "tickets",
                            "Tickets: list, show, open on a customer's behalf, "
                            "take, assign, reply, close, reopen");
  const std::vector<std::string> priorities = {"HIGH", "MEDIUM", "LOW"};

  CLI::App* list = Command(tickets, "list", "List tickets, newest first");
  auto lf = std::make_shared<ListFlags>();
  list->add_option("--status", lf->status, "OPEN, IN_PROGRESS, WAITING_CUSTOMER or CLOSED")
      ->check(OneOf({"OPEN", "IN_PROGRESS", "WAITING_CUSTOMER", "CLOSED"}));
  list->add_option("--priority", lf->priority, "HIGH, MEDIUM or LOW")->check(OneOf(priorities));
  list->add_option("--scope", lf->scope, "Scope code, like ARXIVAR");
  list->add_option("-q,--query", lf->query, "Words in the subject or the messages");
  list->add_option("--company", lf->company, "Company id");
  list->add_option("--assignee", lf->assignee, "Assignee's account id");
  list->add_flag("--unassigned", lf->unassigned, "Only tickets nobody has taken");
  list->add_option("--page-size", lf->page_size, "Tickets per page (1-200)")->capture_default_str();
  list->add_option("--page-token", lf->page_token, "The next page, from a previous list");
  OnRun(list, ctx, [&ctx, lf] { return List(ctx, *lf); });

  CLI::App* queue = Command(tickets, "queue",
                            "Open tickets waiting to be taken, the nearest SLA due first, with "
                            "the business time left");
  auto queue_company = std::make_shared<std::string>();
  queue->add_option("--company", *queue_company, "Only this company's (id)");
  OnRun(queue, ctx, [&ctx, queue_company] { return Queue(ctx, *queue_company); });

  CLI::App* show = Command(tickets, "show", "Show a ticket with its thread and internal notes");
  auto show_id = std::make_shared<std::string>();
  show->add_option("id", *show_id, "Ticket id")->required();
  OnRun(show, ctx, [&ctx, show_id] { return Show(ctx, *show_id); });

  CLI::App* history = Command(tickets, "history", "Show what happened to a ticket, who and when");
  auto history_id = std::make_shared<std::string>();
  history->add_option("id", *history_id, "Ticket id")->required();
  OnRun(history, ctx, [&ctx, history_id] { return History(ctx, *history_id); });

  CLI::App* create = Command(tickets, "create",
                             "Open a ticket on a customer's behalf (a request by phone, e-mail…)");
  auto cf = std::make_shared<CreateFlags>();
  create->add_option("--company", cf->company, "Company id")->required();
  create->add_option("--channel", cf->channel, "How it came: PHONE, EMAIL, MOBILE, SMS or OTHER")
      ->required()
      ->check(OneOf({"PHONE", "EMAIL", "MOBILE", "SMS", "OTHER"}));
  create->add_option("--subject", cf->subject, "Subject (1-200 characters)")->required();
  create->add_option("--scope", cf->scope, "Scope code (helpdeskctl catalog list)")->required();
  create->add_option("--topic", cf->topic, "Topic code, like ARXIVAR.WORKFLOW");
  create->add_option("--priority", cf->priority, "HIGH, MEDIUM or LOW")
      ->check(OneOf(priorities))
      ->capture_default_str();
  create->add_option("--note", cf->note, "The description");
  create->add_option("--note-file", cf->note_file, "Read the description from a file (- = stdin)");
  create->add_flag("--urgent-on-site", cf->urgent_on_site,
                   "A written request for urgent on-site intervention (the urgent-call fee "
                   "applies)");
  AddAttachOption(create, cf->attach);
  OnRun(create, ctx, [&ctx, cf] { return Create(ctx, *cf); });

  AddTicketActionCommands(tickets, ctx);
}

}  // namespace helpdesk::helpdeskctl
