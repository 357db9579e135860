#include "services/ticket/event_handlers.h"

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "helpdesk/events/v1/events.pb.h"
#include "services/ticket/sql.h"

namespace helpdesk::ticket {

void RegisterEventHandlers(events::Consumer& consumer, CalendarMirror& calendars) {
  consumer.On<events::v1::CompanyChanged>(
      [](pqxx::work& tx, const events::v1::CompanyChanged& event) -> absl::Status {
        tx.exec_params(sql::kUpsertCompanyFromEvent, event.company_id(), event.name(),
                       event.active(), event.notification_email_set(), event.hourly_rate_cents(),
                       event.urgent_call_fee_cents(), event.calendar());
        return absl::OkStatus();
      });
  consumer.On<events::v1::CalendarChanged>(
      [&calendars](pqxx::work& tx, const events::v1::CalendarChanged& event) -> absl::Status {
        // Built before it is stored: a definition that does not build here
        // (a time zone this host's zoneinfo lacks) is an error, retried,
        // never a silent fallback. Installing before the commit is harmless:
        // a failed commit redelivers the same definition.
        absl::Status installed = calendars.Install(event.calendar());
        if (!installed.ok()) return installed;
        tx.exec_params(sql::kUpsertCalendar, event.calendar().name(),
                       absl::Base64Escape(event.calendar().SerializeAsString()));
        return absl::OkStatus();
      });
}

}  // namespace helpdesk::ticket
