// Writing domain events to the transactional outbox.
//
//   events::v1::TicketCreated event;
//   event.set_ticket_id(id);
//   ...
//   HELPDESK_RETURN_IF_ERROR(events::Enqueue(tx, event));  // same tx as the change
//
// Enqueue fills `meta.event_id` (a new UUID) and `meta.occurred_at` (now)
// when they are empty, and stores the serialized event under the subject
// that is its message's full name. The relay publishes it after the commit;
// if the transaction rolls back, the event never existed.
#pragma once

#include <pqxx/transaction>
#include <string>

#include "absl/status/statusor.h"

namespace google::protobuf {
class Message;
}

namespace helpdesk::events {

// The event id. INVALID_ARGUMENT for a message without an EventMeta `meta`.
absl::StatusOr<std::string> Enqueue(pqxx::work& tx, google::protobuf::Message& event);

// The NOTIFY channel the relay of `schema` listens on.
std::string OutboxChannel(const std::string& schema);

}  // namespace helpdesk::events
