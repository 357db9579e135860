#include "libs/config/config.h"

#include <gtest/gtest.h>

namespace helpdesk::config {
namespace {

TEST(Config, RequiredNamesTheMissingVariable) {
  Config config = Config::FromMap({});
  absl::StatusOr<std::string> url = config.Required("DATABASE_URL");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(url.status().message(), "HELPDESK_DATABASE_URL is not set");
}

TEST(Config, FlagsOverrideEnvironment) {
  setenv("HELPDESK_GRPC_PORT", "9000", 1);
  const char* argv[] = {"svc", "--grpc-port=9100"};
  Config config = Config::FromProcess(2, const_cast<char**>(argv));
  ASSERT_TRUE(config.Validate().ok());
  EXPECT_EQ(*config.Port("GRPC_PORT", 1), 9100);
  unsetenv("HELPDESK_GRPC_PORT");
}

TEST(Config, MalformedArgumentIsReported) {
  const char* argv[] = {"svc", "database-url"};
  Config config = Config::FromProcess(2, const_cast<char**>(argv));
  EXPECT_EQ(config.Validate().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Config, BadValuesNameTheSetting) {
  Config config =
      Config::FromMap({{"PORT", "70000"}, {"FLAG", "maybe"}, {"WAIT", "soon"}, {"N", "x"}});
  EXPECT_EQ(config.Port("PORT", 1).status().message(), "HELPDESK_PORT is not a TCP port: 70000");
  EXPECT_EQ(config.Bool("FLAG", false).status().message(),
            "HELPDESK_FLAG is not a boolean: \"maybe\"");
  EXPECT_FALSE(config.Duration("WAIT", absl::Seconds(1)).ok());
  EXPECT_FALSE(config.Int("N", 1).ok());
}

TEST(Config, FallbacksApplyWhenUnset) {
  Config config = Config::FromMap({{"WAIT", "1m30s"}});
  EXPECT_EQ(*config.Duration("WAIT", absl::Seconds(1)), absl::Seconds(90));
  EXPECT_EQ(*config.Int("N", 7), 7);
  EXPECT_TRUE(*config.Bool("FLAG", true));
  EXPECT_EQ(config.Get("NAME", "x"), "x");
}

}  // namespace
}  // namespace helpdesk::config
