#include "tools/helpdeskctl/parse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tools/helpdeskctl/exit_codes.h"

namespace helpdesk::helpdeskctl {
namespace {

using ::testing::HasSubstr;

absl::TimeZone Rome() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone));
  return zone;
}

TEST(ParseInstant, Rfc3339WithOrWithoutSeconds) {
  const absl::Time expected = absl::FromUnixSeconds(1750147200);  // 2025-06-17T08:00:00Z
  EXPECT_EQ(*ParseInstant("2025-06-17T10:00:00+02:00", "--start", Rome()), expected);
  EXPECT_EQ(*ParseInstant("2025-06-17T08:00:00Z", "--start", Rome()), expected);
  EXPECT_EQ(*ParseInstant("2025-06-17T10:00+02:00", "--start", Rome()), expected);
}

TEST(ParseInstant, LocalTimeWithoutOffset) {
  const absl::Time expected = absl::FromUnixSeconds(1750147200);
  EXPECT_EQ(*ParseInstant("2025-06-17 10:00", "--start", Rome()), expected);
  EXPECT_EQ(*ParseInstant("2025-06-17T10:00", "--start", Rome()), expected);
}

TEST(ParseInstant, GarbageIsAUsageErrorNamingTheFlag) {
  absl::StatusOr<absl::Time> t = ParseInstant("tomorrow", "--start", Rome());
  EXPECT_EQ(ExitCodeOf(t.status()), ExitCode::kUsage);
  EXPECT_THAT(t.status().message(), HasSubstr("--start"));
}

TEST(ParseMinutes, NumbersAndDurations) {
  EXPECT_EQ(*ParseMinutes("45", "--duration"), 45);
  EXPECT_EQ(*ParseMinutes("45m", "--duration"), 45);
  EXPECT_EQ(*ParseMinutes("1h30m", "--duration"), 90);
  for (const char* bad : {"0", "-5", "30s", "90s", "x", ""}) {
    EXPECT_EQ(ExitCodeOf(ParseMinutes(bad, "--duration").status()), ExitCode::kUsage) << bad;
  }
}

TEST(CheckMonth, YearDashMonth) {
  EXPECT_TRUE(CheckMonth("2025-06", "--month").ok());
  for (const char* bad : {"2025-6", "2025-13", "06-2025", "2025-06-01", ""}) {
    EXPECT_EQ(ExitCodeOf(CheckMonth(bad, "--month")), ExitCode::kUsage) << bad;
  }
}

TEST(ReadText, InlineFileOrStdin) {
  std::istringstream in("from stdin\nline 2\n");
  EXPECT_EQ(*ReadText("inline", "", in, "--note", "--note-file"), "inline");
  EXPECT_EQ(*ReadText("", "-", in, "--note", "--note-file"), "from stdin\nline 2\n");
  EXPECT_EQ(ExitCodeOf(ReadText("", "", in, "--note", "--note-file").status()), ExitCode::kUsage);
  EXPECT_EQ(ExitCodeOf(ReadText("a", "b", in, "--note", "--note-file").status()), ExitCode::kUsage);
  EXPECT_THAT(ReadText("", "/nonexistent/x", in, "--note", "--note-file").status().message(),
              HasSubstr("--note-file"));
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
