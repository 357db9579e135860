// The ticket service: catalog, tickets, conversation, work log, billing.
// Besides the settings of libs/runtime/runtime.h it reads IDENTITY_ADDRESS
// (host:port of the identity service).
#include "libs/runtime/runtime.h"
#include "libs/status/status_macros.h"
#include "services/ticket/event_handlers.h"
#include "services/ticket/migrations.h"
#include "services/ticket/ticket_service.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "ticket",
       .grpc_port = 9102,
       .migrations = {migrations::Ticket()},
       .statements = ticket::PreparedStatements()},
      argc, argv, [](runtime::Runtime& rt) -> absl::Status {
        HELPDESK_ASSIGN_OR_RETURN(std::string identity_address,
                                  rt.config().Required("IDENTITY_ADDRESS"));
        static auto identity = ticket::MakeGrpcIdentityClient(identity_address, absl::Seconds(2));
        // The default calendar (calendars as data live in the sla service;
        // mirroring them here comes with company-specific calendars).
        absl::StatusOr<calendar::Calendar> default_calendar =
            calendar::Calendar::Create(calendar::CalendarSpec{});
        if (!default_calendar.ok()) return default_calendar.status();
        static const calendar::Calendar calendar = *std::move(default_calendar);
        static ticket::TicketStore store(rt.pool(), calendar, sla_policy::DefaultPolicy());
        static ticket::WorkLogStore worklog(rt.pool(), calendar);
        static ticket::TicketServiceImpl service(store, worklog, *identity, calendar);
        rt.host().AddService(&service, ticket::v1::TicketService::service_full_name());
        static events::Consumer consumer(rt.pool(), rt.nats(), {.durable = "ticket"});
        ticket::RegisterEventHandlers(consumer);
        rt.OnShutdown([] { consumer.Stop(); });
        return consumer.Start();
      });
}
