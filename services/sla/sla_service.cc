#include "services/sla/sla_service.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/sla_policy/policy.h"
#include "libs/status/status_macros.h"
#include "services/sla/proto_time.h"

namespace helpdesk::sla {
namespace {

struct DueQuery {
  absl::Time start;
  std::shared_ptr<const CalendarEntry> calendar;
  absl::Duration target;
};

absl::StatusOr<DueQuery> ValidateComputeDue(const CalendarRegistry& calendars,
                                            const v1::ComputeDueRequest& request) {
  DueQuery query;
  if (!request.has_start()) return absl::InvalidArgumentError("start: required");
  HELPDESK_ASSIGN_OR_RETURN(query.start, TimeOf(request.start(), "start"));
  if (!v1::SlaTarget::Priority_IsValid(request.priority())) {
    return absl::InvalidArgumentError("priority: must be HIGH, MEDIUM or LOW");
  }
  std::optional<sla_policy::Priority> priority;
  if (request.priority() != v1::SlaTarget::PRIORITY_UNSPECIFIED) {
    HELPDESK_ASSIGN_OR_RETURN(
        priority, sla_policy::ParsePriority(v1::SlaTarget::Priority_Name(request.priority())));
  } else if (!request.urgent_on_site()) {
    return absl::InvalidArgumentError("priority: required unless urgentOnSite");
  }
  const std::string name =
      request.calendar().empty() ? sla_policy::kDefaultCalendarName : request.calendar();
  absl::StatusOr<std::shared_ptr<const CalendarEntry>> calendar = calendars.Find(name);
  if (!calendar.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("calendar: unknown calendar \"", name, "\""));
  }
  query.calendar = *std::move(calendar);
  const sla_policy::Policy& policy = query.calendar->definition.policy;
  query.target = request.urgent_on_site() ? policy.urgent_on_site : policy.TargetFor(*priority);
  return query;
}

// The resolution target's explanation (resolution.h), when the calendar's
// policy has one: counted now, on the calendar as it is now.
absl::Status FillResolution(const TicketSlaRecord& t, const CalendarEntry& calendar, absl::Time now,
                            v1::TicketSla* out) {
  const absl::Duration target = calendar.definition.policy.resolution;
  if (target <= absl::ZeroDuration()) return absl::OkStatus();
  const sla_policy::ResolutionClock clock =
      sla_policy::ComputeResolution(calendar.calendar, target, t.created_at, t.pauses, now);
  SetDuration(target, out->mutable_resolution_target());
  SetDuration(clock.elapsed, out->mutable_resolution_elapsed());
  if (clock.due.has_value()) {
    HELPDESK_RETURN_IF_ERROR(
        SetTimestamp(*clock.due, "resolutionDueAt", out->mutable_resolution_due_at()));
  }
  out->set_resolution_late(clock.late);
  out->set_resolution_paused(clock.stopped && !t.pauses.empty() &&
                             t.pauses.back().status == "WAITING_CUSTOMER");
  for (size_t i = 0; i < t.pauses.size(); ++i) {
    v1::SlaPause* pause = out->add_pauses();
    HELPDESK_RETURN_IF_ERROR(
        SetTimestamp(t.pauses[i].start, "pauses.start", pause->mutable_start()));
    if (t.pauses[i].end.has_value()) {
      HELPDESK_RETURN_IF_ERROR(SetTimestamp(*t.pauses[i].end, "pauses.end", pause->mutable_end()));
    }
    SetDuration(clock.paused_business[i], pause->mutable_business_time());
    pause->set_status(t.pauses[i].status);
  }
  return absl::OkStatus();
}

absl::Status FillTicketSla(const TicketSlaRecord& t, const CalendarEntry* calendar, absl::Time now,
                           v1::TicketSla* out) {
  out->set_ticket_id(t.ticket_id);
  v1::SlaTarget::Priority priority = v1::SlaTarget::PRIORITY_UNSPECIFIED;
  v1::SlaTarget::Priority_Parse(t.priority, &priority);
  out->set_priority(priority);
  out->set_calendar(t.calendar);
  out->set_urgent_on_site(t.urgent_on_site);
  SetDuration(t.target, out->mutable_target());
  HELPDESK_RETURN_IF_ERROR(SetTimestamp(t.created_at, "createdAt", out->mutable_created_at()));
  // Instants that never come (a calendar that never works again) are absent.
  if (t.sla_due_at.has_value()) {
    HELPDESK_RETURN_IF_ERROR(SetTimestamp(*t.sla_due_at, "slaDueAt", out->mutable_sla_due_at()));
  }
  if (t.warn_at.has_value()) {
    HELPDESK_RETURN_IF_ERROR(SetTimestamp(*t.warn_at, "warningAt", out->mutable_warning_at()));
  }
  if (t.on_site_due_at.has_value()) {
    HELPDESK_RETURN_IF_ERROR(
        SetTimestamp(*t.on_site_due_at, "onSiteDueAt", out->mutable_on_site_due_at()));
  }
  if (t.taken_at.has_value()) {
    HELPDESK_RETURN_IF_ERROR(SetTimestamp(*t.taken_at, "takenAt", out->mutable_taken_at()));
    SetDuration(t.taken_business.value_or(absl::ZeroDuration()),
                out->mutable_taken_business_time());
    out->set_taken_late(t.taken_late);
  }
  if (t.closed_at.has_value()) {
    HELPDESK_RETURN_IF_ERROR(SetTimestamp(*t.closed_at, "closedAt", out->mutable_closed_at()));
  }
  if (calendar != nullptr) HELPDESK_RETURN_IF_ERROR(FillResolution(t, *calendar, now, out));
  // The windows counted from creation to the due, on the ticket's calendar
  // as it is now (a closure added since then would show here; the stored
  // due is the one computed when the ticket was created or re-prioritised).
  if (calendar != nullptr && t.sla_due_at.has_value()) {
    for (const calendar::BusinessWindow& w :
         calendar->calendar.ExplainDue(t.created_at, t.target).windows) {
      v1::BusinessWindow* window = out->add_windows();
      HELPDESK_RETURN_IF_ERROR(SetTimestamp(w.start, "windows.start", window->mutable_start()));
      HELPDESK_RETURN_IF_ERROR(SetTimestamp(w.end, "windows.end", window->mutable_end()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status SlaServiceImpl::ComputeDue(grpc::ServerContext* context,
                                        const v1::ComputeDueRequest* request,
                                        v1::ComputeDueResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(DueQuery query, ValidateComputeDue(calendars_, *request));
    const absl::Time due = query.calendar->calendar.AddBusinessTime(query.start, query.target);
    return SetTimestamp(due, "due", response->mutable_due());
  }());
}

grpc::Status SlaServiceImpl::GetTicketSla(grpc::ServerContext* context,
                                          const v1::GetTicketSlaRequest* request,
                                          v1::TicketSla* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->ticket_id().empty()) return absl::InvalidArgumentError("ticketId: required");
    HELPDESK_ASSIGN_OR_RETURN(TicketSlaRecord ticket, store_.FindTicket(request->ticket_id()));
    if (!caller.IsStaff() && caller.company_id != ticket.company_id) {
      return absl::NotFoundError("ticket not found");  // exactly as if it did not exist
    }
    std::shared_ptr<const CalendarEntry> calendar = calendars_.FindOrDefault(ticket.calendar);
    return FillTicketSla(ticket, calendar.get(), clock_.Now(), response);
  }());
}

grpc::Status SlaServiceImpl::GetSlaReport(grpc::ServerContext* context,
                                          const v1::GetSlaReportRequest* request,
                                          v1::SlaReport* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    ReportQuery query;
    if (!request->has_from()) return absl::InvalidArgumentError("from: required");
    HELPDESK_ASSIGN_OR_RETURN(query.from, TimeOf(request->from(), "from"));
    if (!request->has_to()) return absl::InvalidArgumentError("to: required");
    HELPDESK_ASSIGN_OR_RETURN(query.to, TimeOf(request->to(), "to"));
    if (query.to <= query.from) return absl::InvalidArgumentError("to: must be after from");
    query.company_id = request->company_id();
    query.now = clock_.Now();
    HELPDESK_ASSIGN_OR_RETURN(std::vector<CompanySlaStats> stats, store_.Report(query));
    for (const CompanySlaStats& s : stats) {
      v1::SlaCompanyReport* company = response->add_companies();
      company->set_company_id(s.company_id);
      company->set_taken_on_time(s.taken_on_time);
      company->set_taken_late(s.taken_late);
      company->set_open_past_due(s.open_past_due);
      company->set_median_take_hours(s.median_take_hours);
      company->set_p90_take_hours(s.p90_take_hours);
    }
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::sla
