#include "libs/auth/token.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace helpdesk::auth {
namespace {

Claims SampleClaims(absl::Time now) {
  Claims claims;
  claims.set_account_id("acc-1");
  claims.set_role(common::v1::Person::CUSTOMER);
  claims.set_company_id("co-1");
  claims.set_issued_at(absl::ToUnixSeconds(now));
  claims.set_expires_at(absl::ToUnixSeconds(now + absl::Minutes(15)));
  return claims;
}

TEST(Token, SignedTokenVerifiesWithThePublicKey) {
  KeyPair pair = GenerateKeyPair();
  auto signer = TokenSigner::FromSeedHex(pair.seed_hex);
  auto verifier = TokenVerifier::FromPublicKeyHex(pair.public_key_hex);
  ASSERT_TRUE(signer.ok() && verifier.ok());
  absl::Time now = absl::Now();
  absl::StatusOr<Claims> claims = verifier->Verify(signer->Sign(SampleClaims(now)), now);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ(claims->company_id(), "co-1");
  EXPECT_EQ(claims->role(), common::v1::Person::CUSTOMER);
}

TEST(Token, ExpiredTokenIsRefused) {
  KeyPair pair = GenerateKeyPair();
  absl::Time now = absl::Now();
  std::string token = TokenSigner::FromSeedHex(pair.seed_hex)->Sign(SampleClaims(now));
  auto verifier = TokenVerifier::FromPublicKeyHex(pair.public_key_hex);
  EXPECT_EQ(verifier->Verify(token, now + absl::Minutes(15)).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(Token, TokenFromAnotherKeyIsRefused) {
  absl::Time now = absl::Now();
  std::string token = TokenSigner::FromSeedHex(GenerateKeyPair().seed_hex)->Sign(SampleClaims(now));
  auto verifier = TokenVerifier::FromPublicKeyHex(GenerateKeyPair().public_key_hex);
  EXPECT_EQ(verifier->Verify(token, now).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(Token, TamperedClaimsAreRefused) {
  KeyPair pair = GenerateKeyPair();
  absl::Time now = absl::Now();
  auto signer = TokenSigner::FromSeedHex(pair.seed_hex);
  std::string token = signer->Sign(SampleClaims(now));
  Claims other = SampleClaims(now);
  other.set_company_id("co-2");
  std::string forged = signer->Sign(other);
  // The claims of one token with the signature of another.
  std::string spliced = forged.substr(0, forged.rfind('.')) + token.substr(token.rfind('.'));
  auto verifier = TokenVerifier::FromPublicKeyHex(pair.public_key_hex);
  EXPECT_FALSE(verifier->Verify(spliced, now).ok());
  for (std::string bad : {"", "v1", "v1..", "v2.a.b", "garbage.garbage.garbage"}) {
    EXPECT_FALSE(verifier->Verify(bad, now).ok()) << bad;
  }
}

// Found by tests/fuzz (access_token): libsodium's base64url decoder reads a
// byte >= 0x80 as '_', so a signature with '_' replaced by 0xd8 verified.
TEST(Token, OnlyTheTokenAsSignedVerifies) {
  KeyPair pair = GenerateKeyPair();
  absl::Time now = absl::Now();
  auto signer = TokenSigner::FromSeedHex(pair.seed_hex);
  auto verifier = TokenVerifier::FromPublicKeyHex(pair.public_key_hex);
  for (int i = 0; i < 50; ++i) {  // until a signature holds a '_'
    Claims claims = SampleClaims(now);
    claims.set_session_id(absl::StrCat("s", i));
    std::string token = signer->Sign(claims);
    size_t underscore = token.find('_', token.rfind('.'));
    if (underscore == std::string::npos) continue;
    ASSERT_TRUE(verifier->Verify(token, now).ok());
    for (char c : {'\xd8', '\x80', '\xff'}) {
      std::string changed = token;
      changed[underscore] = c;
      EXPECT_FALSE(verifier->Verify(changed, now).ok());
    }
    return;
  }
  FAIL() << "no signature with '_' in 50 tokens";
}

TEST(Token, MalformedKeysAreRejected) {
  EXPECT_EQ(TokenSigner::FromSeedHex("abc").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TokenVerifier::FromPublicKeyHex(std::string(64, 'z')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace helpdesk::auth
