#include "services/identity/password_hasher.h"

#include <gtest/gtest.h>

namespace helpdesk::identity {
namespace {

TEST(PasswordHasher, StoresArgon2idWithOwaspParameters) {
  PasswordHasher hasher({});
  absl::StatusOr<std::string> hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse batterY"));
}

TEST(PasswordHasher, SamePasswordGetsDifferentSalts) {
  PasswordHasher hasher({.memory_kib = 1024, .passes = 1});
  EXPECT_NE(*hasher.Hash("12345678903"), *hasher.Hash("12345678903"));
}

TEST(PasswordHasher, MalformedHashNeverVerifies) {
  PasswordHasher hasher({.memory_kib = 1024, .passes = 1});
  EXPECT_FALSE(hasher.Verify("", "x"));
  EXPECT_FALSE(hasher.Verify("$argon2id$garbage", "x"));
}

}  // namespace
}  // namespace helpdesk::identity
