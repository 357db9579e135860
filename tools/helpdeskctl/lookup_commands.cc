// Read-only lookups: sla due and reports sla (SlaService), deliveries
// (NotificationService).
#include <map>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "helpdesk/notification/v1/notification.pb.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/parse.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kComputeDue[] = "helpdesk.sla.v1.SlaService.ComputeDue";
constexpr char kSlaReport[] = "helpdesk.sla.v1.SlaService.GetSlaReport";
constexpr char kListCompanies[] = "helpdesk.identity.v1.IdentityService.ListCompanies";
// The names the SLA report's table looks up, at most.
constexpr int kCompanyNamesLimit = 2000;
constexpr char kListDeliveries[] = "helpdesk.notification.v1.NotificationService.ListDeliveries";

struct DueFlags {
  std::string start;
  std::string priority;
  bool urgent_on_site = false;
  std::string calendar;
};

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

struct SlaReportFlags {
  std::string month, from, to, company;
};

// Company id → name for the table; best effort: without them (an error,
// too many companies) the table shows ids only.
std::map<std::string, std::string> CompanyNames(Context& ctx) {
  std::map<std::string, std::string> names;
  identity::v1::ListCompaniesRequest request;
  request.set_page_size(200);
  do {
    identity::v1::ListCompaniesResponse page;
    if (!ctx.Call(kListCompanies, request, &page).ok()) break;
    for (const identity::v1::Company& c : page.companies()) names[c.id()] = c.name();
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && names.size() < kCompanyNamesLimit);
  return names;
}

absl::Status SlaReport(Context& ctx, const SlaReportFlags& flags) {
  if (flags.month.empty() == (flags.from.empty() && flags.to.empty())) {
    return UsageError("give --month, or --from and --to");
  }
  absl::Time from, to;
  if (!flags.month.empty()) {
    HELPDESK_RETURN_IF_ERROR(CheckMonth(flags.month, "--month"));
    absl::CivilMonth month;
    absl::ParseCivilTime(flags.month, &month);
    from = absl::FromCivil(month, ctx.zone());
    to = absl::FromCivil(month + 1, ctx.zone());
  } else {
    if (flags.from.empty() || flags.to.empty()) return UsageError("give both --from and --to");
    HELPDESK_ASSIGN_OR_RETURN(from, ParseInstant(flags.from, "--from", ctx.zone()));
    HELPDESK_ASSIGN_OR_RETURN(to, ParseInstant(flags.to, "--to", ctx.zone()));
  }
  sla::v1::GetSlaReportRequest request;
  SetTimestamp(from, request.mutable_from());
  SetTimestamp(to, request.mutable_to());
  request.set_company_id(flags.company);
  sla::v1::SlaReport report;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kSlaReport, request, &report));
  return ctx.Print(report, [&] {
    const std::map<std::string, std::string> names =
        report.companies().empty() ? std::map<std::string, std::string>() : CompanyNames(ctx);
    return absl::StrCat("Tickets created from ", FormatInstant(from, ctx.zone()), " to ",
                        FormatInstant(to, ctx.zone()), " (excluded)\n",
                        SlaReportTable(report, names));
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

void AddSlaReportCommand(CLI::App* reports, Context& ctx) {
  CLI::App* report = Command(reports, "sla",
                             "Take-in-charge SLA per company: on time, late, open past due, "
                             "median and 90th percentile take time");
  auto flags = std::make_shared<SlaReportFlags>();
  report->add_option("--month", flags->month, "YYYY-MM, in the local time zone");
  report->add_option("--from", flags->from, "Start of the period (RFC 3339 or local time)");
  report->add_option("--to", flags->to, "End of the period, excluded");
  report->add_option("--company", flags->company, "Only this company (id)");
  OnRun(report, ctx, [&ctx, flags] { return SlaReport(ctx, *flags); });
}

void AddDeliveryCommands(CLI::App& app, Context& ctx) {
  CLI::App* deliveries = Command(&app, "deliveries", "The e-mails sent (or not) about a ticket");
  auto ticket_id = std::make_shared<std::string>();
  deliveries->add_option("--ticket", *ticket_id, "Ticket id")->required();
  OnRun(deliveries, ctx, [&ctx, ticket_id] { return Deliveries(ctx, *ticket_id); });
}

}  // namespace helpdesk::helpdeskctl
