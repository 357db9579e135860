// SlaServiceImpl: calendars and their policies as data (ListCalendars,
// UpsertCalendar).
#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/sla_policy/calendar_definition.h"
#include "libs/status/status_macros.h"
#include "services/sla/sla_service.h"

namespace helpdesk::sla {

grpc::Status SlaServiceImpl::ListCalendars(grpc::ServerContext* context,
                                           const v1::ListCalendarsRequest* request,
                                           v1::ListCalendarsResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    // From the database rather than this replica's memory, so a calendar
    // saved through another replica is listed at once.
    HELPDESK_ASSIGN_OR_RETURN(std::vector<StoredCalendar> calendars, store_.LoadCalendars());
    for (const StoredCalendar& c : calendars) {
      *response->add_calendars() = sla_policy::ToProto(c.definition);
    }
    return absl::OkStatus();
  }());
}

grpc::Status SlaServiceImpl::UpsertCalendar(grpc::ServerContext* context,
                                            const v1::Calendar* request, v1::Calendar* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(sla_policy::CalendarDefinition definition,
                              sla_policy::FromProto(*request));
    // Builds it before saving: a time zone that does not load, overlapping
    // windows or a bad holiday rule are refused naming the field, and
    // nothing is stored.
    HELPDESK_ASSIGN_OR_RETURN(calendar::Calendar built,
                              calendar::Calendar::Create(definition.spec));
    HELPDESK_ASSIGN_OR_RETURN(int64_t revision, store_.SaveCalendar(definition));
    *response = sla_policy::ToProto(definition);
    calendars_.Put(StoredCalendar{std::move(definition), revision}, std::move(built));
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::sla
