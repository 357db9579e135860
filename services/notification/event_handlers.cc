#include "services/notification/event_handlers.h"

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"

namespace helpdesk::notification {
namespace {

constexpr char kRecord[] = R"SQL(
INSERT INTO received_events (event_id, subject, ticket_id) VALUES ($1, $2, $3)
ON CONFLICT (event_id) DO NOTHING)SQL";

}  // namespace

void RegisterEventHandlers(events::Consumer& consumer) {
  consumer.On<events::v1::TicketCreated>(
      [](pqxx::work& tx, const events::v1::TicketCreated& event) -> absl::Status {
        tx.exec_params(kRecord, event.meta().event_id(),
                       events::v1::TicketCreated::descriptor()->full_name(), event.ticket_id());
        return absl::OkStatus();
      });
}

}  // namespace helpdesk::notification
