// The sla-scheduler service: business calendars, SLA timers, reports.
#include "libs/calendar/calendar.h"
#include "libs/runtime/runtime.h"
#include "libs/status/status_macros.h"
#include "services/sla/sla_service.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "sla", .grpc_port = 9104}, argc, argv, [](runtime::Runtime& rt) -> absl::Status {
        // A time zone that does not load stops the start-up;
        // it never falls back to UTC.
        HELPDESK_ASSIGN_OR_RETURN(calendar::Calendar calendar,
                                  calendar::Calendar::Create(calendar::CalendarSpec{}));
        static sla::SlaServiceImpl service(std::move(calendar), sla::DefaultPolicy());
        rt.host().AddService(&service, sla::v1::SlaService::service_full_name());
        return absl::OkStatus();
      });
}
