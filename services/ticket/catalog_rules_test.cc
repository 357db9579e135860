#include "services/ticket/catalog_rules.h"

#include <gtest/gtest.h>

namespace helpdesk::ticket {
namespace {

TEST(CatalogRules, ScopeCodes_TheShapeOfTheSeededOnes) {
  for (const char* ok : {"HYPERGEST", "XCROSS_ERP", "QLIK_SENSE_BI", "GDPR_CYBERSECURITY", "B2"}) {
    EXPECT_TRUE(ValidateScopeCode(ok).ok()) << ok;
  }
  EXPECT_EQ(ValidateScopeCode("").message(), "code: required");
  for (const char* bad : {"X", "hypergest", "2CROSS", "_X", "X-CROSS", "X.Y", "X Y", "ÀMBITO",
                          "A2345678901234567890123456789012345678901"}) {
    absl::Status status = ValidateScopeCode(bad);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(status.message().substr(0, 6), "code: ") << bad;
  }
}

TEST(CatalogRules, TopicCodes_NameTheirScope) {
  EXPECT_TRUE(ValidateTopicCode("HYPERGEST.IVA", "HYPERGEST").ok());
  EXPECT_TRUE(ValidateTopicCode("HYPERGEST.INDUSTRY_4_0", "HYPERGEST").ok());
  EXPECT_TRUE(ValidateTopicCode("WEB.2FA", "WEB").ok());
  EXPECT_EQ(ValidateTopicCode("XCROSS_ERP.IVA", "HYPERGEST").message(),
            "code: must start with its scope's code: \"HYPERGEST.…\"");
  EXPECT_EQ(ValidateTopicCode("HYPERGESTIVA", "HYPERGEST").code(),
            absl::StatusCode::kInvalidArgument);
  for (const char* bad :
       {"HYPERGEST.", "HYPERGEST._X", "HYPERGEST.iva", "HYPERGEST.A.B", "HYPERGEST.A-B"}) {
    EXPECT_EQ(ValidateTopicCode(bad, "HYPERGEST").code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(ValidateTopicCode("", "HYPERGEST").message(), "code: required");
}

TEST(CatalogRules, Names_TrimmedRequiredBounded) {
  EXPECT_EQ(*ValidateCatalogName("  Contabilità \n"), "Contabilità");
  EXPECT_EQ(ValidateCatalogName("   ").status().message(), "name: required");
  EXPECT_TRUE(ValidateCatalogName(std::string(100, 'a')).ok());
  EXPECT_EQ(ValidateCatalogName(std::string(101, 'a')).status().message(),
            "name: at most 100 characters");
  EXPECT_EQ(ValidateCatalogName("a\tb").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace helpdesk::ticket
