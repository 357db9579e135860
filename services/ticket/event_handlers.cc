#include "services/ticket/event_handlers.h"

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"
#include "services/ticket/sql.h"

namespace helpdesk::ticket {

void RegisterEventHandlers(events::Consumer& consumer) {
  consumer.On<events::v1::CompanyChanged>(
      [](pqxx::work& tx, const events::v1::CompanyChanged& event) -> absl::Status {
        tx.exec_params(sql::kUpsertCompanyFromEvent, event.company_id(), event.name(),
                       event.active(), event.notification_email_set(), event.hourly_rate_cents(),
                       event.urgent_call_fee_cents());
        return absl::OkStatus();
      });
}

}  // namespace helpdesk::ticket
