// The notification service: consumes domain events and sends e-mail.
#include "libs/runtime/runtime.h"
#include "services/notification/event_handlers.h"
#include "services/notification/migrations.h"
#include "services/notification/notification_service.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "notification", .grpc_port = 9105, .migrations = {migrations::Notification()}},
      argc, argv, [](runtime::Runtime& rt) -> absl::Status {
        static notification::NotificationServiceImpl service;
        rt.host().AddService(&service, notification::v1::NotificationService::service_full_name());
        static events::Consumer consumer(rt.pool(), rt.nats(), {.durable = "notification"});
        notification::RegisterEventHandlers(consumer);
        rt.OnShutdown([] { consumer.Stop(); });
        return consumer.Start();
      });
}
