// google.protobuf.Timestamp / Duration ↔ absl, with the checks the handlers
// need: INVALID_ARGUMENT naming the field for an instant outside the
// Timestamp range, OUT_OF_RANGE for a result that cannot be represented
// (a calendar that never works again gives InfiniteFuture()).
#pragma once

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace helpdesk::sla {

absl::StatusOr<absl::Time> TimeOf(const google::protobuf::Timestamp& ts, absl::string_view field);
absl::Status SetTimestamp(absl::Time t, absl::string_view field, google::protobuf::Timestamp* out);
void SetDuration(absl::Duration d, google::protobuf::Duration* out);

}  // namespace helpdesk::sla
