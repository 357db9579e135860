#include "libs/ids/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace helpdesk::ids {
namespace {

TEST(Ids, UuidsAreVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewUuid();
    ASSERT_TRUE(IsUuid(id)) << id;
    EXPECT_EQ(id[14], '4');
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(Ids, IsUuidRejectsOtherText) {
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("3f2c0000-0000-4000-8000-00000000000g"));
  EXPECT_FALSE(IsUuid("3F2C0000-0000-4000-8000-000000000000"));
  EXPECT_FALSE(IsUuid("1'; DROP TABLE x; --000000000000000000"));
}

TEST(Ids, RandomTokenHasTheRequestedEntropy) {
  std::string token = RandomToken(32);
  EXPECT_EQ(token.size(), 43u);  // 256 bits in base64url without padding
  EXPECT_NE(token, RandomToken(32));
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos);
}

}  // namespace
}  // namespace helpdesk::ids
