#include "services/sla/sla_service.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"

namespace helpdesk::sla {
namespace {

// google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;

bool IsValidTimestamp(int64_t seconds, int64_t nanos) {
  return seconds >= kMinTimestampSeconds && seconds <= kMaxTimestampSeconds && nanos >= 0 &&
         nanos <= 999'999'999;
}

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

struct DueQuery {
  absl::Time start;
  absl::Duration target;
};

absl::StatusOr<DueQuery> ValidateComputeDue(const SlaPolicy& policy,
                                            const v1::ComputeDueRequest& request) {
  DueQuery query;
  if (!request.has_start()) return absl::InvalidArgumentError("start: required");
  HELPDESK_ASSIGN_OR_RETURN(query.start, TimeOf(request.start(), "start"));
  HELPDESK_ASSIGN_OR_RETURN(query.target,
                            TargetFor(policy, request.priority(), request.urgent_on_site()));
  // Named calendars are data that does not exist yet (docs/sla.md).
  if (!request.calendar().empty() && request.calendar() != "default") {
    return absl::InvalidArgumentError(absl::StrCat(
        "calendar: unknown calendar \"", request.calendar(), "\" (only \"default\" exists)"));
  }
  return query;
}

}  // namespace

grpc::Status SlaServiceImpl::ComputeDue(grpc::ServerContext* context,
                                        const v1::ComputeDueRequest* request,
                                        v1::ComputeDueResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(DueQuery query, ValidateComputeDue(policy_, *request));
    const absl::Time due = calendar_.AddBusinessTime(query.start, query.target);
    return SetTimestamp(due, "due", response->mutable_due());
  }());
}

}  // namespace helpdesk::sla
