#include "tools/helpdeskctl/exit_codes.h"

#include <gtest/gtest.h>

namespace helpdesk::helpdeskctl {
namespace {

TEST(ExitCodes, ServerAnswersMapToTheDocumentedCodes) {
  EXPECT_EQ(ExitCodeOf(absl::OkStatus()), ExitCode::kOk);
  EXPECT_EQ(ExitCodeOf(absl::UnauthenticatedError("x")), ExitCode::kUnauthenticated);
  EXPECT_EQ(ExitCodeOf(absl::PermissionDeniedError("x")), ExitCode::kPermissionDenied);
  EXPECT_EQ(ExitCodeOf(absl::NotFoundError("x")), ExitCode::kNotFound);
  EXPECT_EQ(ExitCodeOf(absl::UnavailableError("x")), ExitCode::kUnavailable);
  EXPECT_EQ(ExitCodeOf(absl::DeadlineExceededError("x")), ExitCode::kUnavailable);
  for (const absl::Status& refused :
       {absl::InvalidArgumentError("x"), absl::FailedPreconditionError("x"),
        absl::AlreadyExistsError("x"), absl::UnimplementedError("x"), absl::InternalError("x"),
        absl::ResourceExhaustedError("x"), absl::AbortedError("x")}) {
    EXPECT_EQ(ExitCodeOf(refused), ExitCode::kFailed) << refused;
  }
}

TEST(ExitCodes, AUsageErrorExitsTwoThoughItIsInvalidArgument) {
  absl::Status usage = UsageError("--month: bad");
  EXPECT_EQ(usage.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(usage.message(), "--month: bad");
  EXPECT_EQ(ExitCodeOf(usage), ExitCode::kUsage);
  EXPECT_EQ(ExitCodeOf(AsUsageError(absl::InvalidArgumentError("x"))), ExitCode::kUsage);
  EXPECT_TRUE(AsUsageError(absl::OkStatus()).ok());
}

TEST(ExitCodes, AnExplicitCodeWins) {
  EXPECT_EQ(ExitCodeOf(WithExitCode(absl::InternalError("x"), ExitCode::kUnavailable)),
            ExitCode::kUnavailable);
  EXPECT_TRUE(WithExitCode(absl::OkStatus(), ExitCode::kUsage).ok());
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
