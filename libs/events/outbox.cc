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
constexpr char kInsert[] = "WITH one AS (SELECT 1) , " HELPDESK_OUTBOX_CTE("$1", "$2", "$3", "one");

}  // namespace

std::string OutboxChannel(const std::string& schema) {
  return absl::StrCat("helpdesk_outbox_", schema);
}

absl::StatusOr<OutboxRow> Prepare(google::protobuf::Message& event) {
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
  return OutboxRow{meta->event_id(), descriptor->full_name(), event.SerializeAsString()};
}

absl::StatusOr<std::string> Enqueue(pqxx::work& tx, google::protobuf::Message& event) {
  absl::StatusOr<OutboxRow> row = Prepare(event);
  if (!row.ok()) return row.status();
  tx.exec_params(kInsert, row->event_id, row->subject, row->Payload());
  return row->event_id;
}

}  // namespace helpdesk::events
