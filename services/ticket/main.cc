// The ticket service: catalog, tickets, conversation, work log, billing.
#include "libs/runtime/runtime.h"
#include "services/ticket/event_handlers.h"
#include "services/ticket/migrations.h"
#include "services/ticket/ticket_service.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "ticket", .grpc_port = 9102, .migrations = {migrations::Ticket()}}, argc, argv,
      [](runtime::Runtime& rt) -> absl::Status {
        static ticket::TicketStore store(rt.pool());
        static ticket::TicketServiceImpl service(store);
        rt.host().AddService(&service, ticket::v1::TicketService::service_full_name());
        static events::Consumer consumer(rt.pool(), rt.nats(), {.durable = "ticket"});
        ticket::RegisterEventHandlers(consumer);
        rt.OnShutdown([] { consumer.Stop(); });
        return consumer.Start();
      });
}
