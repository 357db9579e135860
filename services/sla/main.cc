// The sla-scheduler service: business calendars and SLA policies as data,
// one timer per open ticket (warnings and breaches as events), the ticket
// SLA explanation and the SLA report. Besides the settings of
// libs/runtime/runtime.h it reads:
//   SLA_POLL_INTERVAL       longest sleep of the timer loop (default 500ms)
//   SLA_BATCH_SIZE          timer rows claimed per transaction (default 256)
//   SLA_CALENDAR_REFRESH    how often other replicas' calendar saves are
//                           picked up (default 10s)
#include "absl/strings/str_cat.h"
#include "libs/events/consumer.h"
#include "libs/runtime/runtime.h"
#include "libs/status/status_macros.h"
#include "services/sla/calendar_refresher.h"
#include "services/sla/calendar_registry.h"
#include "services/sla/migrations.h"
#include "services/sla/pg_store.h"
#include "services/sla/sla_service.h"
#include "services/sla/ticket_events.h"
#include "services/sla/timer_scheduler.h"

namespace {

absl::Status RequirePositive(absl::Duration d, const char* name) {
  if (d > absl::ZeroDuration()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(helpdesk::config::Config::EnvName(name), " must be positive"));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "sla", .grpc_port = 9104, .migrations = {migrations::Sla()}}, argc, argv,
      [](runtime::Runtime& rt) -> absl::Status {
        const config::Config& config = rt.config();
        sla::SchedulerOptions options;
        HELPDESK_ASSIGN_OR_RETURN(options.poll_interval,
                                  config.Duration("SLA_POLL_INTERVAL", options.poll_interval));
        HELPDESK_RETURN_IF_ERROR(RequirePositive(options.poll_interval, "SLA_POLL_INTERVAL"));
        HELPDESK_ASSIGN_OR_RETURN(options.batch_size,
                                  config.Int("SLA_BATCH_SIZE", options.batch_size));
        if (options.batch_size < 1) {
          return absl::InvalidArgumentError("HELPDESK_SLA_BATCH_SIZE must be at least 1");
        }
        HELPDESK_ASSIGN_OR_RETURN(absl::Duration refresh,
                                  config.Duration("SLA_CALENDAR_REFRESH", absl::Seconds(10)));
        HELPDESK_RETURN_IF_ERROR(RequirePositive(refresh, "SLA_CALENDAR_REFRESH"));

        static sla::SystemClock clock;
        static sla::PgSlaStore store(rt.pool());
        static sla::CalendarRegistry calendars;
        // A calendar row that does not build (a time zone missing from the
        // zoneinfo) stops the start, naming it; never a fallback to UTC.
        HELPDESK_RETURN_IF_ERROR(calendars.Load(store));
        static sla::SlaServiceImpl service(calendars, store, clock);
        rt.host().AddService(&service, sla::v1::SlaService::service_full_name());

        static sla::TicketEventHandlers handlers(calendars);
        static events::Consumer consumer(rt.pool(), rt.nats(), {.durable = "sla"});
        handlers.Register(consumer);
        static sla::TimerScheduler scheduler(rt.pool(), clock, options);
        static sla::CalendarRefresher refresher(calendars, store, refresh);
        rt.OnShutdown([] {
          refresher.Stop();
          scheduler.Stop();
          consumer.Stop();
        });
        HELPDESK_RETURN_IF_ERROR(consumer.Start());
        scheduler.Start();
        refresher.Start();
        return absl::OkStatus();
      });
}
