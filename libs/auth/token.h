// Access tokens: claims signed with Ed25519 (libsodium).
//
//   TokenSigner signer = *TokenSigner::FromSeedHex(seed_hex);      // identity only
//   std::string token = signer.Sign(claims);
//   TokenVerifier verifier = *TokenVerifier::FromPublicKeyHex(pub_hex);  // every service
//   absl::StatusOr<Claims> claims = verifier.Verify(token, absl::Now());
//
// A token is "v1.<claims>.<signature>", both parts base64url: the claims are
// a serialized helpdesk.common.v1.AccessTokenClaims, the signature covers
// "v1.<claims>". Verification needs only the public key, so services verify
// locally; only the identity service holds the private key.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/common/v1/token.pb.h"

namespace helpdesk::auth {

using Claims = common::v1::AccessTokenClaims;

struct KeyPair {
  std::string seed_hex;        // 32 bytes: the private key
  std::string public_key_hex;  // 32 bytes
};

// A new random key pair (helpdesk-keygen, tests).
KeyPair GenerateKeyPair();

class TokenSigner {
 public:
  // INVALID_ARGUMENT unless 64 hex digits.
  static absl::StatusOr<TokenSigner> FromSeedHex(const std::string& seed_hex);
  std::string Sign(const Claims& claims) const;
  std::string PublicKeyHex() const;

 private:
  std::string secret_key_;  // 64 bytes, libsodium's form
  std::string public_key_;
};

class TokenVerifier {
 public:
  static absl::StatusOr<TokenVerifier> FromPublicKeyHex(const std::string& public_key_hex);
  // UNAUTHENTICATED for a malformed, forged or expired token.
  absl::StatusOr<Claims> Verify(const std::string& token, absl::Time now) const;

 private:
  std::string public_key_;
};

// Reads a key file (hex, surrounding whitespace ignored). INVALID_ARGUMENT
// naming the file when it cannot be read.
absl::StatusOr<std::string> ReadKeyFile(const std::string& path);

}  // namespace helpdesk::auth
