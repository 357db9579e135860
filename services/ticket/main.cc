// The ticket service: catalog, tickets, conversation, work log, billing.
// Besides the settings of libs/runtime/runtime.h it reads IDENTITY_ADDRESS
// and ATTACHMENT_ADDRESS (host:port of the identity and attachment services).
#include "libs/runtime/runtime.h"
#include "libs/sla_policy/calendar_definition.h"
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
        HELPDESK_ASSIGN_OR_RETURN(std::string attachment_address,
                                  rt.config().Required("ATTACHMENT_ADDRESS"));
        static auto attachments =
            ticket::MakeGrpcAttachmentClient(attachment_address, absl::Seconds(2));
        // The sla service's calendars, mirrored (calendar_mirror.h): the
        // stored copies now (a definition that does not build stops the
        // start), CalendarChanged events and a periodic reload later.
        absl::StatusOr<std::unique_ptr<ticket::CalendarMirror>> mirror =
            ticket::CalendarMirror::Create();
        if (!mirror.ok()) return mirror.status();
        static std::unique_ptr<ticket::CalendarMirror> calendars = *std::move(mirror);
        HELPDESK_RETURN_IF_ERROR(calendars->Load(rt.pool()));
        calendars->StartRefreshing(rt.pool(), absl::Seconds(10));
        // Billing prices on the default calendar (SPEC §5).
        static const calendar::Calendar calendar =
            calendars->Find(sla_policy::kDefaultCalendarName)->calendar;
        static ticket::TicketStore store(rt.pool(), *calendars);
        static ticket::WorkLogStore worklog(rt.pool(), calendar);
        static ticket::TicketServiceImpl service(store, worklog, *identity, calendar,
                                                 attachments.get());
        rt.host().AddService(&service, ticket::v1::TicketService::service_full_name());
        static events::Consumer consumer(rt.pool(), rt.nats(), {.durable = "ticket"});
        ticket::RegisterEventHandlers(consumer, *calendars);
        rt.OnShutdown([] {
          consumer.Stop();
          calendars->StopRefreshing();
        });
        return consumer.Start();
      });
}
