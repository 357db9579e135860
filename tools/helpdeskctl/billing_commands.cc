// worklog add|list|edit|delete, reports billing (reports sla is in
// lookup_commands.cc), billing quote|close (TicketService; SPEC §5).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/billing/money.h"
#include "libs/billing/pricing.h"
#include "libs/calendar/calendar.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/parse.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using ticket::v1::WorkLogEntry;

constexpr char kAddEntry[] = "helpdesk.ticket.v1.TicketService.AddWorkLogEntry";
constexpr char kListEntries[] = "helpdesk.ticket.v1.TicketService.ListWorkLog";
constexpr char kReport[] = "helpdesk.ticket.v1.TicketService.GetBillingReport";
constexpr char kExport[] = "helpdesk.ticket.v1.TicketService.ExportBillingReport";
constexpr char kQuote[] = "helpdesk.ticket.v1.TicketService.QuoteBilling";
constexpr char kUpdateEntry[] = "helpdesk.ticket.v1.TicketService.UpdateWorkLogEntry";
constexpr char kDeleteEntry[] = "helpdesk.ticket.v1.TicketService.DeleteWorkLogEntry";
constexpr char kClose[] = "helpdesk.ticket.v1.TicketService.CloseBillingMonth";

struct EntryFlags {
  std::string ticket, type, start, end, duration, description;
  bool on_site = false;
};

// worklog edit: only what is given changes.
struct EditFlags {
  std::string ticket, entry, type, start, end, duration, description;
  bool description_given = false;  // "" clears it
  int on_site = 0;                 // +1 --on-site, -1 --remote
};

struct QuoteFlags {
  std::vector<std::string> entries;
  std::string rate = "60.00";
  bool offline = false;
};

absl::StatusOr<WorkLogEntry::ServiceType> ServiceType(absl::string_view text,
                                                      absl::string_view flag) {
  WorkLogEntry::ServiceType type = WorkLogEntry::SERVICE_TYPE_UNSPECIFIED;
  if (!WorkLogEntry::ServiceType_Parse(absl::AsciiStrToUpper(text), &type) ||
      type == WorkLogEntry::SERVICE_TYPE_UNSPECIFIED) {
    return UsageError(absl::StrCat(flag, ": \"", text, "\" is not SAT, STA or SAD"));
  }
  return type;
}

absl::Status AddEntry(Context& ctx, const EntryFlags& flags) {
  if (flags.end.empty() == flags.duration.empty()) {
    return UsageError("give --end or --duration (one of them)");
  }
  ticket::v1::AddWorkLogEntryRequest request;
  request.set_id(flags.ticket);
  HELPDESK_ASSIGN_OR_RETURN(WorkLogEntry::ServiceType type, ServiceType(flags.type, "--type"));
  request.set_service_type(type);
  HELPDESK_ASSIGN_OR_RETURN(absl::Time start, ParseInstant(flags.start, "--start", ctx.zone()));
  SetTimestamp(start, request.mutable_start());
  if (!flags.end.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(absl::Time end, ParseInstant(flags.end, "--end", ctx.zone()));
    SetTimestamp(end, request.mutable_end());
  } else {
    HELPDESK_ASSIGN_OR_RETURN(int minutes, ParseMinutes(flags.duration, "--duration"));
    request.set_duration_minutes(minutes);
  }
  request.set_on_site(flags.on_site);
  request.set_description(flags.description);
  WorkLogEntry entry;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kAddEntry, request, &entry));
  return ctx.Print(entry, [&] { return WorkLogEntryDetails(entry, ctx.zone()); });
}

absl::Status EditEntry(Context& ctx, const EditFlags& flags) {
  if (!flags.end.empty() && !flags.duration.empty()) {
    return UsageError("give --end or --duration, not both");
  }
  ticket::v1::UpdateWorkLogEntryRequest request;
  request.set_ticket_id(flags.ticket);
  request.set_entry_id(flags.entry);
  if (!flags.type.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(WorkLogEntry::ServiceType type, ServiceType(flags.type, "--type"));
    request.set_service_type(type);
  }
  if (!flags.start.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(absl::Time start, ParseInstant(flags.start, "--start", ctx.zone()));
    SetTimestamp(start, request.mutable_start());
  }
  if (!flags.end.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(absl::Time end, ParseInstant(flags.end, "--end", ctx.zone()));
    SetTimestamp(end, request.mutable_end());
  }
  if (!flags.duration.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(int minutes, ParseMinutes(flags.duration, "--duration"));
    request.set_duration_minutes(minutes);
  }
  if (flags.on_site != 0) request.set_on_site(flags.on_site > 0);
  if (flags.description_given) request.set_description(flags.description);
  if (!request.has_service_type() && !request.has_start() && !request.has_end() &&
      !request.has_duration_minutes() && !request.has_on_site() && !request.has_description()) {
    return UsageError(
        "nothing to change: give --type, --start, --end, --duration, --on-site, --remote or "
        "--description");
  }
  WorkLogEntry entry;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kUpdateEntry, request, &entry));
  return ctx.Print(entry, [&] { return WorkLogEntryDetails(entry, ctx.zone()); });
}

absl::Status DeleteEntry(Context& ctx, const std::string& ticket, const std::string& entry) {
  ticket::v1::DeleteWorkLogEntryRequest request;
  request.set_ticket_id(ticket);
  request.set_entry_id(entry);
  ticket::v1::DeleteWorkLogEntryResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kDeleteEntry, request, &response));
  return ctx.Print(response, [&] { return absl::StrCat("Deleted work-log entry ", entry, "\n"); });
}

absl::Status CloseMonth(Context& ctx, const std::string& company, const std::string& month) {
  HELPDESK_RETURN_IF_ERROR(CheckMonth(month, "--month"));
  ticket::v1::CloseBillingMonthRequest request;
  request.set_company_id(company);
  request.set_month(month);
  ticket::v1::BillingReport report;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kClose, request, &report));
  return ctx.Print(report, [&] { return BillingReportTable(report, ctx.zone()); });
}

absl::Status ListEntries(Context& ctx, const std::string& ticket) {
  ticket::v1::ListWorkLogRequest request;
  request.set_id(ticket);
  ticket::v1::ListWorkLogResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kListEntries, request, &response));
  return ctx.Print(response, [&] { return WorkLogTable(response, ctx.zone()); });
}

absl::Status Report(Context& ctx, const std::string& company, const std::string& month) {
  HELPDESK_RETURN_IF_ERROR(CheckMonth(month, "--month"));
  ticket::v1::GetBillingReportRequest request;
  request.set_company_id(company);
  request.set_month(month);
  if (ctx.csv()) {  // the server's CSV, as it is
    common::v1::HttpBody body;
    HELPDESK_RETURN_IF_ERROR(ctx.Call(kExport, request, &body));
    ctx.out() << body.data();
    ctx.out().flush();
    return absl::OkStatus();
  }
  ticket::v1::BillingReport report;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kReport, request, &report));
  return ctx.Print(report, [&] { return BillingReportTable(report, ctx.zone()); });
}

// "SAD,2025-06-17T18:00:00+02:00,2025-06-17T19:00:00+02:00[,on-site]"
absl::StatusOr<ticket::v1::QuoteEntry> ParseQuoteEntry(absl::string_view text,
                                                       const absl::TimeZone& zone) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ',');
  const bool on_site = parts.size() == 4 && (absl::StripAsciiWhitespace(parts[3]) == "on-site" ||
                                             absl::StripAsciiWhitespace(parts[3]) == "onsite");
  if (parts.size() != 3 && !on_site) {
    return UsageError(absl::StrCat("--entry: \"", text,
                                   "\" is not TYPE,START,END[,on-site] (like "
                                   "SAD,2025-06-17T18:00:00+02:00,2025-06-17T19:00:00+02:00)"));
  }
  ticket::v1::QuoteEntry entry;
  HELPDESK_ASSIGN_OR_RETURN(WorkLogEntry::ServiceType type,
                            ServiceType(absl::StripAsciiWhitespace(parts[0]), "--entry"));
  entry.set_service_type(type);
  HELPDESK_ASSIGN_OR_RETURN(absl::Time start, ParseInstant(parts[1], "--entry", zone));
  HELPDESK_ASSIGN_OR_RETURN(absl::Time end, ParseInstant(parts[2], "--entry", zone));
  SetTimestamp(start, entry.mutable_start());
  SetTimestamp(end, entry.mutable_end());
  entry.set_on_site(on_site);
  return entry;
}

// The quote computed here, by libs/billing and the default calendar.
absl::StatusOr<ticket::v1::QuoteBillingResponse> QuoteOffline(
    const ticket::v1::QuoteBillingRequest& request) {
  std::vector<billing::Entry> entries;
  for (const ticket::v1::QuoteEntry& e : request.entries()) {
    entries.push_back({static_cast<billing::ServiceType>(e.service_type()), TimeOf(e.start()),
                       TimeOf(e.end()), e.on_site()});
  }
  billing::PricingOptions options;
  options.hourly_rate_cents = request.hourly_rate_cents();
  HELPDESK_ASSIGN_OR_RETURN(calendar::Calendar rome,
                            calendar::Calendar::Create(calendar::CalendarSpec{}));
  absl::StatusOr<billing::TicketBill> bill = billing::PriceTicket(entries, options, rome);
  if (!bill.ok()) return UsageError(bill.status().message());
  ticket::v1::QuoteBillingResponse response;
  for (size_t i = 0; i < entries.size(); ++i) {
    const billing::PricedEntry& p = bill->entries[i];
    ticket::v1::PricedEntry* out = response.add_entries();
    WorkLogEntry* entry = out->mutable_entry();
    entry->set_service_type(request.entries(static_cast<int>(i)).service_type());
    *entry->mutable_start() = request.entries(static_cast<int>(i)).start();
    *entry->mutable_end() = request.entries(static_cast<int>(i)).end();
    entry->set_on_site(request.entries(static_cast<int>(i)).on_site());
    out->set_included_minutes(static_cast<int32_t>(p.included_minutes));
    out->set_billable_minutes(static_cast<int32_t>(p.billable_minutes));
    out->set_normal_minutes(static_cast<int32_t>(p.split.normal));
    out->set_out_of_hours_minutes(static_cast<int32_t>(p.split.out_of_hours));
    out->set_weekend_holiday_minutes(static_cast<int32_t>(p.split.weekend_holiday));
    out->set_amount_cents(p.amount_cents);
  }
  response.set_total_cents(bill->total_cents);
  return response;
}

absl::Status Quote(Context& ctx, const QuoteFlags& flags) {
  ticket::v1::QuoteBillingRequest request;
  for (const std::string& text : flags.entries) {
    HELPDESK_ASSIGN_OR_RETURN(*request.add_entries(), ParseQuoteEntry(text, ctx.zone()));
  }
  absl::StatusOr<int64_t> rate = billing::ParseEuros(flags.rate, "--rate");
  HELPDESK_RETURN_IF_ERROR(AsUsageError(rate.status()));
  request.set_hourly_rate_cents(*rate);
  ticket::v1::QuoteBillingResponse response;
  if (flags.offline) {
    HELPDESK_ASSIGN_OR_RETURN(response, QuoteOffline(request));
  } else {
    HELPDESK_RETURN_IF_ERROR(ctx.Call(kQuote, request, &response));
  }
  return ctx.Print(response, [&] { return QuoteTable(response, ctx.zone()); });
}

}  // namespace

void AddBillingCommands(CLI::App& app, Context& ctx) {
  CLI::App* worklog = Group(&app, "worklog", "Work logged on tickets (SAT, STA, SAD)");
  CLI::App* add = Command(worklog, "add", "Log work on a ticket");
  auto ef = std::make_shared<EntryFlags>();
  add->add_option("ticket", ef->ticket, "Ticket id")->required();
  add->add_option("--type", ef->type, "SAT (help desk), STA (remote session) or SAD (consulting)")
      ->required();
  add->add_option("--start", ef->start, "RFC 3339 instant (or local 2025-06-17 10:00)")->required();
  add->add_option("--end", ef->end, "RFC 3339 instant (or local)");
  add->add_option("--duration", ef->duration, "Instead of --end: 45, 45m, 1h30m");
  add->add_flag("--on-site", ef->on_site, "At the customer's (SAD only)");
  add->add_option("--description", ef->description, "What was done");
  OnRun(add, ctx, [&ctx, ef] { return AddEntry(ctx, *ef); });

  CLI::App* list = Command(worklog, "list", "List the work logged on a ticket");
  auto list_ticket = std::make_shared<std::string>();
  list->add_option("ticket", *list_ticket, "Ticket id")->required();
  OnRun(list, ctx, [&ctx, list_ticket] { return ListEntries(ctx, *list_ticket); });

  CLI::App* edit = Command(worklog, "edit",
                           "Change an entry you logged (only the given fields change; a new "
                           "--start keeps the end unless --end or --duration is given). Refused "
                           "in a month closed for billing");
  auto xf = std::make_shared<EditFlags>();
  edit->add_option("ticket", xf->ticket, "Ticket id")->required();
  edit->add_option("entry", xf->entry, "Entry id (the ID column of worklog list)")->required();
  edit->add_option("--type", xf->type, "SAT, STA or SAD");
  edit->add_option("--start", xf->start, "RFC 3339 instant (or local 2025-06-17 10:00)");
  edit->add_option("--end", xf->end, "RFC 3339 instant (or local)");
  edit->add_option("--duration", xf->duration, "Instead of --end, from the start: 45m, 1h30m");
  edit->add_flag("--on-site{1},--remote{-1}", xf->on_site, "At the customer's (SAD only), or not");
  CLI::Option* description =
      edit->add_option("--description", xf->description, "What was done (\"\" clears it)");
  OnRun(edit, ctx, [&ctx, xf, description] {
    xf->description_given = description->count() > 0;
    return EditEntry(ctx, *xf);
  });

  CLI::App* remove = Command(worklog, "delete",
                             "Delete an entry you logged (refused in a month closed for billing)");
  auto delete_ticket = std::make_shared<std::string>();
  auto delete_entry = std::make_shared<std::string>();
  remove->add_option("ticket", *delete_ticket, "Ticket id")->required();
  remove->add_option("entry", *delete_entry, "Entry id")->required();
  OnRun(remove, ctx, [&ctx, delete_ticket, delete_entry] {
    return DeleteEntry(ctx, *delete_ticket, *delete_entry);
  });

  CLI::App* reports = Group(&app, "reports", "Reports");
  CLI::App* report = Command(reports, "billing",
                             "A company's work of a month, priced (--output csv: the CSV export)");
  auto company = std::make_shared<std::string>();
  auto month = std::make_shared<std::string>();
  report->add_option("--company", *company, "Company id")->required();
  report->add_option("--month", *month, "YYYY-MM")->required();
  OnRun(
      report, ctx, [&ctx, company, month] { return Report(ctx, *company, *month); },
      /*allows_csv=*/true);
  AddSlaReportCommand(reports, ctx);

  CLI::App* billing = Group(&app, "billing", "Pricing by the rules of the contract");
  CLI::App* quote = Command(billing, "quote", "Price entries taken as one ticket");
  auto qf = std::make_shared<QuoteFlags>();
  quote->add_option("--entry", qf->entries, "TYPE,START,END[,on-site]; repeat for more")
      ->required();
  quote->add_option("--rate", qf->rate, "Hourly rate in euros")->capture_default_str();
  quote->add_flag("--offline", qf->offline,
                  "Price here with the default calendar instead of asking the ticket service");
  OnRun(quote, ctx, [&ctx, qf] { return Quote(ctx, *qf); });

  CLI::App* close = Command(billing, "close",
                            "Close a company's month for billing (administrators): its work log "
                            "can no longer change. Closing it again changes nothing");
  auto close_company = std::make_shared<std::string>();
  auto close_month = std::make_shared<std::string>();
  close->add_option("--company", *close_company, "Company id")->required();
  close->add_option("--month", *close_month, "YYYY-MM (Europe/Rome), a month that has ended")
      ->required();
  OnRun(close, ctx, [&ctx, close_company, close_month] {
    return CloseMonth(ctx, *close_company, *close_month);
  });
}

}  // namespace helpdesk::helpdeskctl
