#include "services/ticket/event_handlers.h"

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"

namespace helpdesk::ticket {
namespace {

constexpr char kUpsertCompany[] = R"SQL(
INSERT INTO companies (id, name) VALUES ($1, $2)
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name)SQL";

}  // namespace

void RegisterEventHandlers(events::Consumer& consumer) {
  consumer.On<events::v1::CompanyChanged>(
      [](pqxx::work& tx, const events::v1::CompanyChanged& event) -> absl::Status {
        tx.exec_params(kUpsertCompany, event.company_id(), event.name());
        return absl::OkStatus();
      });
}

}  // namespace helpdesk::ticket
