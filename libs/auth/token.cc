#include "libs/auth/token.h"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace helpdesk::auth {
namespace {

constexpr char kVersion[] = "v1";

void EnsureSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) std::abort();
    return true;
  }();
  (void)ready;
}

std::string ToHex(const std::string& bin) {
  std::string out(bin.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()),
                 bin.size());
  out.pop_back();
  return out;
}

absl::StatusOr<std::string> FromHex(const std::string& hex, size_t bytes, const char* what) {
  std::string out(bytes, '\0');
  size_t len = 0;
  if (hex.size() != bytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len != bytes) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be ", bytes * 2, " hex digits"));
  }
  return out;
}

std::string Base64Url(const std::string& bin) {
  std::string out(sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()),
                    bin.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();
  return out;
}

bool FromBase64Url(std::string_view text, std::string* out) {
  // libsodium 1.0.18 decodes any byte from 0x80 up as '_' (63), which would
  // make a signature readable from many texts: only base64url characters.
  for (char c : text) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') return false;
  }
  out->assign(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), text.data(),
                        text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return false;
  }
  out->resize(len);
  return true;
}

}  // namespace

KeyPair GenerateKeyPair() {
  EnsureSodium();
  std::string seed(crypto_sign_SEEDBYTES, '\0');
  randombytes_buf(seed.data(), seed.size());
  auto signer = TokenSigner::FromSeedHex(ToHex(seed));
  return {ToHex(seed), signer->PublicKeyHex()};
}

absl::StatusOr<TokenSigner> TokenSigner::FromSeedHex(const std::string& seed_hex) {
  EnsureSodium();
  absl::StatusOr<std::string> seed =
      FromHex(seed_hex, crypto_sign_SEEDBYTES, "the token private key");
  if (!seed.ok()) return seed.status();
  TokenSigner signer;
  signer.secret_key_.assign(crypto_sign_SECRETKEYBYTES, '\0');
  signer.public_key_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(signer.public_key_.data()),
                           reinterpret_cast<unsigned char*>(signer.secret_key_.data()),
                           reinterpret_cast<const unsigned char*>(seed->data()));
  return signer;
}

std::string TokenSigner::PublicKeyHex() const { return ToHex(public_key_); }

std::string TokenSigner::Sign(const Claims& claims) const {
  std::string signed_part = absl::StrCat(kVersion, ".", Base64Url(claims.SerializeAsString()));
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(signed_part.data()),
                       signed_part.size(),
                       reinterpret_cast<const unsigned char*>(secret_key_.data()));
  return absl::StrCat(signed_part, ".", Base64Url(signature));
}

absl::StatusOr<TokenVerifier> TokenVerifier::FromPublicKeyHex(const std::string& public_key_hex) {
  EnsureSodium();
  absl::StatusOr<std::string> key =
      FromHex(public_key_hex, crypto_sign_PUBLICKEYBYTES, "the token public key");
  if (!key.ok()) return key.status();
  TokenVerifier verifier;
  verifier.public_key_ = *std::move(key);
  return verifier;
}

absl::StatusOr<Claims> TokenVerifier::Verify(const std::string& token, absl::Time now) const {
  const absl::Status invalid = absl::UnauthenticatedError("invalid or expired access token");
  size_t last_dot = token.rfind('.');
  if (token.size() > 8192 || last_dot == std::string::npos) return invalid;
  std::string_view signed_part(token.data(), last_dot);
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(signed_part.data(), signed_part.size()), '.');
  if (parts.size() != 2 || parts[0] != kVersion) return invalid;
  std::string signature, payload;
  if (!FromBase64Url(std::string_view(token).substr(last_dot + 1), &signature) ||
      signature.size() != crypto_sign_BYTES ||
      !FromBase64Url(std::string_view(parts[1].data(), parts[1].size()), &payload)) {
    return invalid;
  }
  if (crypto_sign_verify_detached(
          reinterpret_cast<const unsigned char*>(signature.data()),
          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
          reinterpret_cast<const unsigned char*>(public_key_.data())) != 0) {
    return invalid;
  }
  Claims claims;
  if (!claims.ParseFromString(payload) || claims.account_id().empty()) return invalid;
  if (absl::FromUnixSeconds(claims.expires_at()) <= now) return invalid;
  return claims;
}

absl::StatusOr<std::string> ReadKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read key file ", path));
  std::stringstream content;
  content << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(content.str()));
}

}  // namespace helpdesk::auth
