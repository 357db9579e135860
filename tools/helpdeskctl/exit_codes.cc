#include "tools/helpdeskctl/exit_codes.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kExitCodePayload[] = "type.helpdesk/helpdeskctl.ExitCode";

}  // namespace

const char kExitCodesHelp[] =
    "Exit codes: 0 ok; 1 the server refused (error: <message>); 2 usage; "
    "3 not logged in or login expired (run helpdeskctl login); 4 permission denied; "
    "5 not found; 6 service unreachable or no answer in time.";

ExitCode ExitCodeForStatusCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return ExitCode::kOk;
    case absl::StatusCode::kUnauthenticated:
      return ExitCode::kUnauthenticated;
    case absl::StatusCode::kPermissionDenied:
      return ExitCode::kPermissionDenied;
    case absl::StatusCode::kNotFound:
      return ExitCode::kNotFound;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return ExitCode::kUnavailable;
    default:
      return ExitCode::kFailed;
  }
}

absl::Status WithExitCode(absl::Status status, ExitCode code) {
  if (!status.ok()) {
    status.SetPayload(kExitCodePayload, absl::Cord(absl::StrCat(static_cast<int>(code))));
  }
  return status;
}

ExitCode ExitCodeOf(const absl::Status& status) {
  if (status.ok()) return ExitCode::kOk;
  if (absl::optional<absl::Cord> payload = status.GetPayload(kExitCodePayload)) {
    int code = 0;
    if (absl::SimpleAtoi(std::string(*payload), &code) && code > 0 && code <= 6) {
      return static_cast<ExitCode>(code);
    }
  }
  return ExitCodeForStatusCode(status.code());
}

absl::Status UsageError(absl::string_view message) {
  return WithExitCode(absl::InvalidArgumentError(message), ExitCode::kUsage);
}

absl::Status AsUsageError(const absl::Status& status) {
  return status.ok() ? status : UsageError(status.message());
}

}  // namespace helpdesk::helpdeskctl
