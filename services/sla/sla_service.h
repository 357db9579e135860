// The SlaService gRPC handlers: the interceptor has checked each RPC's
// access rule; handlers take the verified caller, check the tenant and the
// input (INVALID_ARGUMENT naming the JSON field), then compute on the
// in-memory calendars or ask the store. Dependencies arrive through the
// constructor, so tests run the handlers in an in-process server with a
// fake store and clock.
//
//   SlaServiceImpl service(calendars, store, clock);
//   rt.host().AddService(&service, v1::SlaService::service_full_name());
#pragma once

#include "helpdesk/sla/v1/sla.grpc.pb.h"
#include "services/sla/calendar_registry.h"
#include "services/sla/clock.h"
#include "services/sla/store.h"

namespace helpdesk::sla {

class SlaServiceImpl final : public v1::SlaService::Service {
 public:
  SlaServiceImpl(CalendarRegistry& calendars, SlaStore& store, const Clock& clock)
      : calendars_(calendars), store_(store), clock_(clock) {}

  // POST /v1/sla:computeDue (staff): the due of a take-in-charge target
  // (`priority`) or of an urgent on-site intervention (`urgentOnSite`, which
  // wins) counted from `start` on `calendar` (empty: "default") with that
  // calendar's policy. INVALID_ARGUMENT "start: required", "start: not a
  // valid timestamp", "priority: required unless urgentOnSite", "priority:
  // must be HIGH, MEDIUM or LOW", "calendar: unknown calendar \"x\"".
  grpc::Status ComputeDue(grpc::ServerContext* context, const v1::ComputeDueRequest* request,
                          v1::ComputeDueResponse* response) override;

  // GET /v1/tickets/{ticketId}/sla (staff, and the owning customer): target,
  // dues, taken_at and the business windows counted to reach the due.
  // NOT_FOUND "ticket not found" for a missing ticket and, identically, for
  // another company's.
  grpc::Status GetTicketSla(grpc::ServerContext* context, const v1::GetTicketSlaRequest* request,
                            v1::TicketSla* response) override;

  // GET /v1/reports/sla?from=&to=&companyId= (staff): per company, the
  // tickets created in [from, to) taken on time / late / still open past due,
  // and the median and 90th percentile take-in-charge business hours.
  // INVALID_ARGUMENT "from: required", "to: required", "to: must be after from".
  grpc::Status GetSlaReport(grpc::ServerContext* context, const v1::GetSlaReportRequest* request,
                            v1::SlaReport* response) override;

  // calendar_handlers.cc
  // GET /v1/calendars (staff): every calendar with its policy, by name.
  grpc::Status ListCalendars(grpc::ServerContext* context, const v1::ListCalendarsRequest* request,
                             v1::ListCalendarsResponse* response) override;
  // PUT /v1/calendars/{name} (administrators): creates or replaces a calendar
  // and its policy; used from then on for new tickets and priority changes
  // (dues already computed stay). INVALID_ARGUMENT naming the field.
  grpc::Status UpsertCalendar(grpc::ServerContext* context, const v1::Calendar* request,
                              v1::Calendar* response) override;

 private:
  CalendarRegistry& calendars_;
  SlaStore& store_;
  const Clock& clock_;
};

}  // namespace helpdesk::sla
