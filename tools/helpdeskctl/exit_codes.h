// helpdeskctl's exit codes, which scripts rely on, and how an error becomes
// one. Errors travel as absl::Status (codes are the gRPC canonical codes);
// an error made here may carry its exit code explicitly (a usage error is
// INVALID_ARGUMENT but exits 2, while a server's INVALID_ARGUMENT exits 1).
//
//   return UsageError("--month: expected YYYY-MM");          // exit 2
//   int code = static_cast<int>(ExitCodeOf(status));          // at the end
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace helpdesk::helpdeskctl {

enum class ExitCode : int {
  kOk = 0,
  kFailed = 1,            // the server refused (or another failure)
  kUsage = 2,             // bad command line, flag value or configuration
  kUnauthenticated = 3,   // not logged in, login expired, wrong password
  kPermissionDenied = 4,  // the account's role may not do it
  kNotFound = 5,
  kUnavailable = 6,  // the service is unreachable or did not answer in time
};

// The exit code of a status without an explicit one (a server's answer).
ExitCode ExitCodeForStatusCode(absl::StatusCode code);

// `status` carrying `code`; OK stays OK.
absl::Status WithExitCode(absl::Status status, ExitCode code);

// The explicit exit code if any, else by the status code; kOk for OK.
ExitCode ExitCodeOf(const absl::Status& status);

// INVALID_ARGUMENT that exits 2.
absl::Status UsageError(absl::string_view message);
// A local check's error (a flag value) as a usage error; OK stays OK.
absl::Status AsUsageError(const absl::Status& status);

// The exit codes, for --help footers and docs.
extern const char kExitCodesHelp[];

}  // namespace helpdesk::helpdeskctl
