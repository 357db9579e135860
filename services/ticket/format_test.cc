#include "services/ticket/format.h"

#include <gtest/gtest.h>

namespace helpdesk::ticket {
namespace {

TEST(Format, NumberHasSixDigitsAndGrows) {
  EXPECT_EQ(FormatNumber(1), "#000001");
  EXPECT_EQ(FormatNumber(221), "#000221");
  EXPECT_EQ(FormatNumber(1234567), "#1234567");
}

TEST(Format, TrimRemovesAsciiAndUnicodeSpaces) {
  EXPECT_EQ(TrimText("  \t Stampa bloccata \n"), "Stampa bloccata");
  EXPECT_EQ(TrimText("\u00a0\u3000Fattura\u200b "), "Fattura");
  EXPECT_EQ(TrimText(" \u00a0 "), "");
  EXPECT_EQ(TrimText("a  b"), "a  b");
}

TEST(Format, CountCharsCountsCodePoints) {
  EXPECT_EQ(CountChars("Contabilità"), 11u);
  EXPECT_EQ(CountChars("€€"), 2u);
  EXPECT_EQ(CountChars(""), 0u);
}

}  // namespace
}  // namespace helpdesk::ticket
