#include "tools/helpdeskctl/credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tools/helpdeskctl/test_support.h"

namespace helpdesk::helpdeskctl {
namespace {

using testing::TempDir;

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

Credentials Sample() {
  return {"admin", "v1.access", "refresh-1", absl::FromUnixSeconds(1750147200)};
}

TEST(CredentialStore, SavesTheFile0600InAFolder0700) {
  TempDir dir;
  CredentialStore store(dir.path() + "/config/helpdeskctl");
  ASSERT_TRUE(store.Save(Sample()).ok());
  EXPECT_EQ(store.path(), dir.path() + "/config/helpdeskctl/credentials.json");
  EXPECT_EQ(ModeOf(store.path()), 0600);
  EXPECT_EQ(ModeOf(dir.path() + "/config/helpdeskctl"), 0700);
  EXPECT_EQ(ModeOf(dir.path() + "/config"), 0700);
}

TEST(CredentialStore, IsStill0600UnderAPermissiveUmaskAndOverAnOpenFile) {
  TempDir dir;
  CredentialStore store(dir.path());
  std::ofstream(store.path()) << "{}";
  chmod(store.path().c_str(), 0644);
  const mode_t old = umask(0);
  absl::Status saved = store.Save(Sample());
  umask(old);
  ASSERT_TRUE(saved.ok()) << saved;
  EXPECT_EQ(ModeOf(store.path()), 0600);
}

TEST(CredentialStore, LoadsWhatItSaved) {
  TempDir dir;
  CredentialStore store(dir.path());
  ASSERT_TRUE(store.Save(Sample()).ok());
  absl::StatusOr<std::optional<Credentials>> loaded = store.Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->username, "admin");
  EXPECT_EQ((*loaded)->access_token, "v1.access");
  EXPECT_EQ((*loaded)->refresh_token, "refresh-1");
  EXPECT_EQ((*loaded)->expires_at, absl::FromUnixSeconds(1750147200));
}

TEST(CredentialStore, NoFileIsNoLogin) {
  TempDir dir;
  absl::StatusOr<std::optional<Credentials>> loaded = CredentialStore(dir.path()).Load();
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded->has_value());
}

TEST(CredentialStore, GarbageIsDataLossNamingTheFile) {
  TempDir dir;
  CredentialStore store(dir.path());
  for (const char* garbage : {"not json", "{\"username\": \"x\"}", "[1, 2]",
                              "{\"accessToken\": \"a\", \"expiresAt\": \"tomorrow\"}"}) {
    std::ofstream(store.path()) << garbage;
    absl::Status status = store.Load().status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << garbage;
    EXPECT_NE(status.message().find(store.path()), absl::string_view::npos);
  }
}

TEST(CredentialStore, RemoveForgetsAndIsIdempotent) {
  TempDir dir;
  CredentialStore store(dir.path());
  ASSERT_TRUE(store.Save(Sample()).ok());
  ASSERT_TRUE(store.Remove().ok());
  EXPECT_FALSE(store.Load()->has_value());
  EXPECT_TRUE(store.Remove().ok());
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
