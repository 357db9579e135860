// The sla-scheduler service: business calendars, SLA timers, reports.
#include "libs/runtime/runtime.h"
#include "services/sla/sla_service.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main({.name = "sla", .grpc_port = 9104}, argc, argv,
                       [](runtime::Runtime& rt) -> absl::Status {
                         static sla::SlaServiceImpl service;
                         rt.host().AddService(&service, sla::v1::SlaService::service_full_name());
                         return absl::OkStatus();
                       });
}
