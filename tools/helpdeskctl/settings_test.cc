#include "tools/helpdeskctl/settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "tools/helpdeskctl/test_support.h"

namespace helpdesk::helpdeskctl {
namespace {

using testing::FakeEnvironment;
using ::testing::HasSubstr;
using testing::TempDir;

Settings Resolve(std::map<std::string, std::string> flags, std::map<std::string, std::string> env,
                 std::map<std::string, std::string> file) {
  absl::StatusOr<Settings> s =
      ResolveSettings(flags, FakeEnvironment(std::move(env)), file, "/etc/x/config.toml");
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : Settings{};
}

TEST(ResolveSettings, DefaultsAreTheLocalStacksPorts) {
  Settings s = Resolve({}, {}, {});
  EXPECT_EQ(s.addresses["identity"], "127.0.0.1:17111");
  EXPECT_EQ(s.addresses["ticket"], "127.0.0.1:17112");
  EXPECT_EQ(s.addresses["attachment"], "127.0.0.1:17113");
  EXPECT_EQ(s.addresses["sla"], "127.0.0.1:17114");
  EXPECT_EQ(s.addresses["notification"], "127.0.0.1:17115");
  EXPECT_EQ(s.timeout, absl::Seconds(10));
  EXPECT_FALSE(s.tls);
  EXPECT_EQ(s.origins["ticket"].second, "default");
}

TEST(ResolveSettings, TheStacksBasePortMovesTheDefaults) {
  EXPECT_EQ(Resolve({}, {{"HELPDESK_BASE_PORT", "27100"}}, {}).addresses["sla"], "127.0.0.1:27114");
}

TEST(ResolveSettings, FlagBeatsEnvBeatsFileBeatsDefault) {
  const std::map<std::string, std::string> flags = {{"ticket", "flag:1"}};
  const std::map<std::string, std::string> env = {{"HELPDESKCTL_TICKET", "env:1"},
                                                  {"HELPDESKCTL_SLA", "env:2"}};
  const std::map<std::string, std::string> file = {
      {"ticket", "file:1"}, {"sla", "file:2"}, {"identity", "file:3"}};
  Settings s = Resolve(flags, env, file);
  EXPECT_EQ(s.addresses["ticket"], "flag:1");
  EXPECT_EQ(s.addresses["sla"], "env:2");
  EXPECT_EQ(s.addresses["identity"], "file:3");
  EXPECT_EQ(s.addresses["notification"], "127.0.0.1:17115");
  EXPECT_EQ(s.origins["ticket"].second, "flag");
  EXPECT_EQ(s.origins["sla"].second, "env HELPDESKCTL_SLA");
  EXPECT_EQ(s.origins["identity"].second, "config /etc/x/config.toml");
}

TEST(ResolveSettings, AnEmptyValueIsNotAValue) {
  EXPECT_EQ(Resolve({{"ticket", ""}}, {{"HELPDESKCTL_TICKET", ""}}, {{"ticket", "file:1"}})
                .addresses["ticket"],
            "file:1");
}

TEST(ResolveSettings, ServerIsEveryServiceButAServicesOwnKeyWinsAtTheSamePlace) {
  Settings s = Resolve({}, {{"HELPDESKCTL_SERVER", "grpc.example:443"}},
                       {{"ticket", "file:1"}, {"server", "file:9"}});
  EXPECT_EQ(s.addresses["identity"], "grpc.example:443");
  // The environment's server wins over the file's own key: places first.
  EXPECT_EQ(s.addresses["ticket"], "grpc.example:443");
  s = Resolve({{"server", "flag:9"}, {"sla", "flag:2"}}, {}, {});
  EXPECT_EQ(s.addresses["sla"], "flag:2");
  EXPECT_EQ(s.addresses["ticket"], "flag:9");
}

TEST(ResolveSettings, TimeoutAndTls) {
  Settings s = Resolve({{"timeout", "500ms"}}, {{"HELPDESKCTL_TLS", "true"}},
                       {{"ca_file", "/ca.pem"}, {"timeout", "3s"}});
  EXPECT_EQ(s.timeout, absl::Milliseconds(500));
  EXPECT_TRUE(s.tls);
  EXPECT_EQ(s.ca_file, "/ca.pem");
  EXPECT_EQ(Resolve({}, {}, {{"timeout", "3"}}).timeout, absl::Seconds(3));
}

TEST(ResolveSettings, BadValuesNameTheirOrigin) {
  absl::Status bad =
      ResolveSettings({}, FakeEnvironment({{"HELPDESKCTL_TIMEOUT", "soon"}}), {}, "f").status();
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), HasSubstr("HELPDESKCTL_TIMEOUT"));
  bad = ResolveSettings({{"tls", "maybe"}}, FakeEnvironment({}), {}, "f").status();
  EXPECT_THAT(bad.message(), HasSubstr("tls"));
  EXPECT_FALSE(ResolveSettings({{"timeout", "-1s"}}, FakeEnvironment({}), {}, "f").ok());
}

TEST(ParseConfigFile, KeyValueLinesCommentsAndQuotes) {
  absl::StatusOr<std::map<std::string, std::string>> values = ParseConfigFile(
      "# helpdeskctl\n\nticket = \"10.0.0.5:9102\"\n  sla=10.0.0.6:9104  # the SLA service\n"
      "tls = true\n",
      "config.toml");
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_EQ((*values)["ticket"], "10.0.0.5:9102");
  EXPECT_EQ((*values)["sla"], "10.0.0.6:9104");
  EXPECT_EQ((*values)["tls"], "true");
}

TEST(ParseConfigFile, ErrorsNameTheFileAndLine) {
  EXPECT_THAT(ParseConfigFile("ticket = a\nnonsense\n", "c.toml").status().message(),
              HasSubstr("c.toml:2"));
  EXPECT_THAT(ParseConfigFile("tikcet = a\n", "c.toml").status().message(),
              HasSubstr("unknown key \"tikcet\""));
  EXPECT_THAT(ParseConfigFile("sla = a\nsla = b\n", "c.toml").status().message(),
              HasSubstr("twice"));
}

TEST(LoadSettings, ReadsTheDefaultFileUnderXdgConfigHome) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/helpdeskctl");
  std::ofstream(dir.path() + "/helpdeskctl/config.toml") << "ticket = file:1\n";
  absl::StatusOr<Settings> s =
      LoadSettings({}, "", FakeEnvironment({{"XDG_CONFIG_HOME", dir.path()}}));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->addresses["ticket"], "file:1");
}

TEST(LoadSettings, AMissingDefaultFileIsFineAMissingNamedOneIsNot) {
  TempDir dir;
  EXPECT_TRUE(LoadSettings({}, "", FakeEnvironment({{"XDG_CONFIG_HOME", dir.path()}})).ok());
  EXPECT_FALSE(LoadSettings({}, dir.path() + "/nope.toml", FakeEnvironment({})).ok());
  EXPECT_FALSE(
      LoadSettings({}, "", FakeEnvironment({{"HELPDESKCTL_CONFIG", dir.path() + "/nope"}})).ok());
}

TEST(ConfigDir, XdgConfigHomeElseHome) {
  EXPECT_EQ(ConfigDir(FakeEnvironment({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/h"}})),
            "/x/helpdeskctl");
  EXPECT_EQ(ConfigDir(FakeEnvironment({{"HOME", "/h"}})), "/h/.config/helpdeskctl");
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
