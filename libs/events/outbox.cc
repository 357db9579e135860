#include "libs/events/outbox.h"

#include <google/protobuf/message.h>
#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/ids/ids.h"

namespace helpdesk::events {
namespace {

// One statement: the insert and the wake-up of the relay, which PostgreSQL
// delivers only when (and if) the transaction commits.
constexpr char kInsert[] = R"SQL(
WITH inserted AS (
  INSERT INTO outbox (event_id, subject, payload) VALUES ($1, $2, $3) RETURNING 1
)
SELECT pg_notify('helpdesk_outbox_' || current_schema(), '') FROM inserted)SQL";

}  // namespace

std::string OutboxChannel(const std::string& schema) {
  return absl::StrCat("helpdesk_outbox_", schema);
}

absl::StatusOr<std::string> Enqueue(pqxx::work& tx, google::protobuf::Message& event) {
  const auto* descriptor = event.GetDescriptor();
  const auto* meta_field = descriptor->FindFieldByName("meta");
  if (meta_field == nullptr || meta_field->message_type() != v1::EventMeta::descriptor()) {
    return absl::InvalidArgumentError(
        absl::StrCat(descriptor->full_name(), " has no helpdesk.events.v1.EventMeta meta"));
  }
  auto* meta =
      static_cast<v1::EventMeta*>(event.GetReflection()->MutableMessage(&event, meta_field));
  if (meta->event_id().empty()) meta->set_event_id(ids::NewUuid());
  if (!meta->has_occurred_at()) {
    *meta->mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  }
  std::string payload = event.SerializeAsString();
  tx.exec_params(kInsert, meta->event_id(), descriptor->full_name(),
                 pqxx::binarystring(payload.data(), payload.size()));
  return meta->event_id();
}

}  // namespace helpdesk::events
