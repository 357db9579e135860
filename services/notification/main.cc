// The notification service: consumes domain events, queues e-mail
// deliveries and sends them over SMTP; serves the delivery log. Settings in
// settings.h besides those of libs/runtime/runtime.h.
#include "libs/log/log.h"
#include "libs/runtime/runtime.h"
#include "libs/status/status_macros.h"
#include "services/notification/delivery_worker.h"
#include "services/notification/event_handlers.h"
#include "services/notification/migrations.h"
#include "services/notification/notification_service.h"
#include "services/notification/settings.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "notification", .grpc_port = 9105, .migrations = {migrations::Notification()}}, argc,
      argv, [](runtime::Runtime& rt) -> absl::Status {
        HELPDESK_ASSIGN_OR_RETURN(static notification::NotificationSettings settings,
                                  notification::LoadSettings(rt.config()));
        // Every template is checked now: a bad one stops the start, not a send.
        HELPDESK_ASSIGN_OR_RETURN(static notification::TemplateSet templates,
                                  notification::TemplateSet::LoadEmbedded());

        static notification::DeliveryStore store(rt.pool());
        static notification::NotificationServiceImpl service(store);
        rt.host().AddService(&service, notification::v1::NotificationService::service_full_name());

        static std::unique_ptr<notification::SmtpSender> sender;
        if (settings.smtp.has_value()) {
          sender = std::make_unique<notification::SmtpSender>(*settings.smtp);
          log::Info("sending e-mail", {{"smtp", notification::RedactUrl(settings.smtp->url)},
                                       {"starttls", settings.smtp->starttls},
                                       {"login", !settings.smtp->user.empty()}});
        } else {
          log::Warn(
              "HELPDESK_SMTP_URL is not set: e-mail sending is disabled; deliveries stay "
              "queued until a start with it set");
        }
        static notification::DeliveryWorker worker(rt.pool(), sender.get(), settings.worker);

        static notification::HandlerContext context{
            &templates, &settings.planner,
            notification::AddressDomain(settings.worker.from.address)};
        static events::Consumer consumer(rt.pool(), rt.nats(), {.durable = "notification"});
        notification::RegisterEventHandlers(consumer, context);
        // Stopped in reverse order: the consumer first, then the worker.
        rt.OnShutdown([] { worker.Stop(); });
        rt.OnShutdown([] { consumer.Stop(); });
        worker.Start();
        return consumer.Start();
      });
}
