// Access token parsing and verification (libs/auth/token.h), which every
// service runs on the Authorization header (and the gateway's hd_session
// cookie) of each request.
//
// Invariants: bytes nobody signed never verify; a token signed for fuzzed
// claims verifies exactly when the claims have an account and have not
// expired, and gives the claims back; a signed token changed anywhere (a
// byte replaced, inserted or removed) no longer verifies.
//
// Input: one byte choosing the mode, then the token text (mode 0) or the
// serialized claims followed by the position and byte of the change.
#include <google/protobuf/stubs/logging.h>

#include <string>
#include <string_view>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "libs/auth/token.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

// A fixed key pair: the fuzzer cannot find a signature, so a forged token
// that verifies would be a parser bug.
constexpr char kSeedHex[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

const helpdesk::auth::TokenSigner& Signer() {
  static const auto* signer =
      new helpdesk::auth::TokenSigner(*helpdesk::auth::TokenSigner::FromSeedHex(kSeedHex));
  return *signer;
}

const helpdesk::auth::TokenVerifier& Verifier() {
  static const auto* verifier = new helpdesk::auth::TokenVerifier(
      *helpdesk::auth::TokenVerifier::FromPublicKeyHex(Signer().PublicKeyHex()));
  return *verifier;
}

const absl::Time kNow = absl::FromUnixSeconds(1'750'000'000);

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // claims with bad UTF-8 are expected here
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  std::string_view input = fuzz::AsText(data, size);
  uint8_t mode = fuzz::TakeByte(input);

  if (mode % 2 == 0) {  // a token as the client sent it
    absl::StatusOr<auth::Claims> claims = Verifier().Verify(std::string(input), kNow);
    FUZZ_CHECK(!claims.ok() && claims.status().code() == absl::StatusCode::kUnauthenticated);
    return 0;
  }

  // The last three bytes say where and how to change the signed token.
  uint16_t position = 0;
  uint8_t change = 0;
  if (input.size() >= 3) {
    position = static_cast<uint8_t>(input[input.size() - 3]) << 8 |
               static_cast<uint8_t>(input[input.size() - 2]);
    change = static_cast<uint8_t>(input.back());
    input.remove_suffix(3);
  }
  auth::Claims claims;
  if (!claims.ParseFromArray(input.data(), static_cast<int>(input.size()))) return 0;
  std::string token = Signer().Sign(claims);
  absl::StatusOr<auth::Claims> verified = Verifier().Verify(token, kNow);
  const bool valid = !claims.account_id().empty() &&
                     absl::FromUnixSeconds(claims.expires_at()) > kNow && token.size() <= 8192;
  FUZZ_CHECK(verified.ok() == valid);
  if (verified.ok()) {
    FUZZ_CHECK(verified->SerializeAsString() == claims.SerializeAsString());
  } else {
    FUZZ_CHECK(verified.status().code() == absl::StatusCode::kUnauthenticated);
  }

  std::string changed = token;
  size_t at = position % (token.size() + 1);
  switch (change % 3) {
    case 0:
      if (at == token.size()) return 0;
      changed[at] = static_cast<char>(change);
      break;
    case 1:
      changed.insert(at, 1, static_cast<char>(change));
      break;
    case 2:
      if (at == token.size()) return 0;
      changed.erase(at, 1);
      break;
  }
  if (changed == token) return 0;
  if (Verifier().Verify(changed, kNow).ok()) {
    std::fprintf(stderr, "signed:  %s\nchanged: %s\n", absl::CHexEscape(token).c_str(),
                 absl::CHexEscape(changed).c_str());
  }
  FUZZ_CHECK(!Verifier().Verify(changed, kNow).ok());
  return 0;
}
