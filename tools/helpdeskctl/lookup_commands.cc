// Read-only lookups: catalog list (TicketService), sla due (SlaService),
// deliveries (NotificationService).
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "helpdesk/notification/v1/notification.pb.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/parse.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kListScopes[] = "helpdesk.ticket.v1.TicketService.ListScopes";
constexpr char kComputeDue[] = "helpdesk.sla.v1.SlaService.ComputeDue";
constexpr char kListDeliveries[] = "helpdesk.notification.v1.NotificationService.ListDeliveries";

struct DueFlags {
  std::string start;
  std::string priority;
  bool urgent_on_site = false;
  std::string calendar;
};

absl::Status Catalog(Context& ctx, bool include_retired) {
  ticket::v1::ListScopesRequest request;
  request.set_include_retired(include_retired);
  ticket::v1::ListScopesResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kListScopes, request, &response));
  return ctx.Print(response, [&] { return CatalogTable(response); });
}

absl::Status Due(Context& ctx, const DueFlags& flags) {
  if (flags.priority.empty() == !flags.urgent_on_site) {
    return UsageError("give --priority or --urgent-on-site (one of them)");
  }
  HELPDESK_ASSIGN_OR_RETURN(absl::Time start, ParseInstant(flags.start, "--start", ctx.zone()));
  sla::v1::ComputeDueRequest request;
  SetTimestamp(start, request.mutable_start());
  sla::v1::SlaTarget::Priority priority = sla::v1::SlaTarget::PRIORITY_UNSPECIFIED;
  sla::v1::SlaTarget::Priority_Parse(absl::AsciiStrToUpper(flags.priority), &priority);
  request.set_priority(priority);
  request.set_urgent_on_site(flags.urgent_on_site);
  request.set_calendar(flags.calendar);
  sla::v1::ComputeDueResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kComputeDue, request, &response));
  return ctx.Print(response, [&] {
    const absl::Time due = TimeOf(response.due());
    return KeyValues({
        {"Start", absl::FormatTime("%a %Y-%m-%d %H:%M %Ez", start, ctx.zone())},
        {"Target", flags.urgent_on_site ? "urgent on-site intervention (8 business hours)"
                                        : absl::AsciiStrToUpper(flags.priority)},
        {"Due", absl::FormatTime("%a %Y-%m-%d %H:%M %Ez", due, ctx.zone())},
        {"Due (UTC)", absl::FormatTime(absl::RFC3339_sec, due, absl::UTCTimeZone())},
    });
  });
}

absl::Status Deliveries(Context& ctx, const std::string& ticket_id) {
  notification::v1::ListDeliveriesRequest request;
  request.set_ticket_id(ticket_id);
  notification::v1::ListDeliveriesResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kListDeliveries, request, &response));
  return ctx.Print(response, [&] { return DeliveriesTable(response, ctx.zone()); });
}

}  // namespace

void AddCatalogCommands(CLI::App& app, Context& ctx) {
  CLI::App* catalog = Group(&app, "catalog", "Scopes (Ambito) and topics (Argomento)");
  CLI::App* list = Command(catalog, "list", "List scopes and their topics");
  auto include_retired = std::make_shared<bool>(false);
  list->add_flag("--include-retired", *include_retired, "Retired scopes and topics too");
  OnRun(list, ctx, [&ctx, include_retired] { return Catalog(ctx, *include_retired); });
}

void AddSlaCommands(CLI::App& app, Context& ctx) {
  CLI::App* sla = Group(&app, "sla", "Service levels");
  CLI::App* due = Command(sla, "due",
                          "When a take-in-charge target (or an urgent on-site intervention) "
                          "falls due, counted in business hours from --start");
  auto flags = std::make_shared<DueFlags>();
  due->add_option("--start", flags->start,
                  "RFC 3339 instant, like 2025-06-17T10:00:00+02:00 (or local 2025-06-17 10:00)")
      ->required();
  CLI::Option* priority = due->add_option("--priority", flags->priority, "HIGH, MEDIUM or LOW")
                              ->check(CLI::IsMember({"HIGH", "MEDIUM", "LOW"}, CLI::ignore_case));
  CLI::Option* urgent = due->add_flag("--urgent-on-site", flags->urgent_on_site,
                                      "The 8-business-hour urgent on-site target");
  priority->excludes(urgent);
  due->add_option("--calendar", flags->calendar, "Business calendar (default: the default)");
  OnRun(due, ctx, [&ctx, flags] { return Due(ctx, *flags); });
}

void AddDeliveryCommands(CLI::App& app, Context& ctx) {
  CLI::App* deliveries = Command(&app, "deliveries", "The e-mails sent (or not) about a ticket");
  auto ticket_id = std::make_shared<std::string>();
  deliveries->add_option("--ticket", *ticket_id, "Ticket id")->required();
  OnRun(deliveries, ctx, [&ctx, ticket_id] { return Deliveries(ctx, *ticket_id); });
}

}  // namespace helpdesk::helpdeskctl
