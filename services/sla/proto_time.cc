#include "services/sla/proto_time.h"

#include "absl/strings/str_cat.h"

namespace helpdesk::sla {
namespace {

// google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

bool IsValidTimestamp(int64_t seconds, int64_t nanos) {
  return seconds >= kMinTimestampSeconds && seconds <= kMaxTimestampSeconds && nanos >= 0 &&
         nanos <= 999'999'999;
}

}  // namespace

absl::StatusOr<absl::Time> TimeOf(const google::protobuf::Timestamp& ts, absl::string_view field) {
  if (!IsValidTimestamp(ts.seconds(), ts.nanos())) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": not a valid timestamp"));
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

absl::Status SetTimestamp(absl::Time t, absl::string_view field, google::protobuf::Timestamp* out) {
  const int64_t seconds = absl::ToUnixSeconds(t);  // rounds towards the past
  const int64_t nanos = absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds));
  if (t == absl::InfiniteFuture() || !IsValidTimestamp(seconds, nanos)) {
    return absl::OutOfRangeError(absl::StrCat(field, ": beyond the representable instants"));
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(nanos));
  return absl::OkStatus();
}

void SetDuration(absl::Duration d, google::protobuf::Duration* out) {
  const int64_t seconds = absl::IDivDuration(d, absl::Seconds(1), &d);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(d)));
}

}  // namespace helpdesk::sla
