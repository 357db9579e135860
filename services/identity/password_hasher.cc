#include "services/identity/password_hasher.h"

#include <argon2.h>
#include <sodium.h>

#include <vector>

namespace helpdesk::identity {

// Holds one of the hasher's concurrency slots for its lifetime.
class PasswordHasher::Slot {
 public:
  explicit Slot(PasswordHasher& hasher) : hasher_(hasher) {
    absl::MutexLock lock(&hasher_.mu_);
    auto free = [this]() ABSL_SHARED_LOCKS_REQUIRED(hasher_.mu_) {
      return hasher_.running_ < hasher_.options_.max_concurrent;
    };
    hasher_.mu_.Await(absl::Condition(&free));
    ++hasher_.running_;
  }
  ~Slot() {
    absl::MutexLock lock(&hasher_.mu_);
    --hasher_.running_;
  }

 private:
  PasswordHasher& hasher_;
};

PasswordHasher::PasswordHasher(HasherOptions options) : options_(options) {
  dummy_hash_ = Hash("dummy password for unknown accounts").value_or("");
}

absl::StatusOr<std::string> PasswordHasher::Hash(const std::string& password) {
  if (sodium_init() < 0) return absl::InternalError("no entropy source");
  unsigned char salt[16];
  randombytes_buf(salt, sizeof salt);
  const uint32_t hash_len = 32;
  size_t encoded_len = argon2_encodedlen(options_.passes, options_.memory_kib, options_.lanes,
                                         sizeof salt, hash_len, Argon2_id);
  std::vector<char> encoded(encoded_len);
  Slot slot(*this);
  int rc = argon2id_hash_encoded(options_.passes, options_.memory_kib, options_.lanes,
                                 password.data(), password.size(), salt, sizeof salt, hash_len,
                                 encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return absl::InternalError(std::string("password hashing failed: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool PasswordHasher::Verify(const std::string& encoded, const std::string& password) {
  Slot slot(*this);
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void PasswordHasher::VerifyDummy(const std::string& password) { Verify(dummy_hash_, password); }

}  // namespace helpdesk::identity
