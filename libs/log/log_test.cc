#include "libs/log/log.h"

#include <gtest/gtest.h>

namespace helpdesk::log {
namespace {

TEST(Log, FormatsOneJsonObjectWithEscapedFields) {
  Init("ticket");
  std::string line =
      Format(Level::kWarn, "said \"hi\"\n", {{"id", "a\\b"}, {"n", 42}, {"ok", true}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find(R"("level":"warn","service":"ticket","msg":"said \"hi\"\n")"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find(R"("id":"a\\b","n":42,"ok":true})"), std::string::npos) << line;
}

TEST(Log, ControlCharactersAreEscaped) {
  std::string line = Format(Level::kInfo, std::string("x\x01y"), {});
  EXPECT_NE(line.find("x\\u0001y"), std::string::npos) << line;
}

}  // namespace
}  // namespace helpdesk::log
