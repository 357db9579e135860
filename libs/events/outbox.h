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

#include <pqxx/binarystring>
#include <pqxx/transaction>
#include <string>

#include "absl/status/statusor.h"

namespace google::protobuf {
class Message;
}

namespace helpdesk::events {

// The event id. INVALID_ARGUMENT for a message without an EventMeta `meta`.
absl::StatusOr<std::string> Enqueue(pqxx::work& tx, google::protobuf::Message& event);

// An event ready for the outbox, for a statement that writes it together
// with the change it records (one round trip instead of two):
//
//   events::OutboxRow row = *events::Prepare(event);
//   tx.exec_params("WITH change AS (INSERT … RETURNING 1), "
//                  HELPDESK_OUTBOX_CTE("$7", "$8", "$9", "change"),
//                  …, row.event_id, row.subject, row.Payload());
//
// Prepare fills `meta` exactly like Enqueue.
struct OutboxRow {
  std::string event_id;
  std::string subject;
  std::string payload;
  pqxx::binarystring Payload() const { return pqxx::binarystring(payload.data(), payload.size()); }
};
absl::StatusOr<OutboxRow> Prepare(google::protobuf::Message& event);

// The outbox insert as a CTE named `outbox_row`, inserting one row for each
// row of the CTE `source`, followed by the main query that wakes the relay:
// the same writes as Enqueue, for use inside a larger statement.
#define HELPDESK_OUTBOX_CTE(event_id, subject, payload, source)            \
  "outbox_row AS (INSERT INTO outbox (event_id, subject, payload) SELECT " \
  "CAST(" event_id " AS uuid), CAST(" subject " AS text), CAST(" payload   \
  " AS bytea) "                                                            \
  "FROM " source                                                           \
  " RETURNING 1) "                                                         \
  "SELECT pg_notify('helpdesk_outbox_' || current_schema(), '') FROM outbox_row"

// The NOTIFY channel the relay of `schema` listens on.
std::string OutboxChannel(const std::string& schema);

}  // namespace helpdesk::events
