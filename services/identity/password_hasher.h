// Password hashing with Argon2id (libargon2), with bounded concurrency.
//
//   PasswordHasher hasher({});
//   std::string stored = *hasher.Hash("correct horse battery");
//   bool ok = hasher.Verify(stored, attempt);   // constant time
//
// Parameters follow OWASP's guidance for Argon2id (19 MiB, 2 passes, 1 lane);
// the encoded hash carries them, so they can be raised later and old hashes
// still verify. At most `max_concurrent` hashes run at once: each takes
// ~19 MiB and tens of milliseconds, so a flood of logins queues instead of
// exhausting memory.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace helpdesk::identity {

struct HasherOptions {
  uint32_t memory_kib = 19 * 1024;
  uint32_t passes = 2;
  uint32_t lanes = 1;
  int max_concurrent = 2;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(HasherOptions options);

  absl::StatusOr<std::string> Hash(const std::string& password);
  // False for a wrong password or a malformed hash.
  bool Verify(const std::string& encoded, const std::string& password);
  // Burns the time of one verification, for unknown users (no enumeration
  // by timing).
  void VerifyDummy(const std::string& password);

 private:
  class Slot;
  const HasherOptions options_;
  absl::Mutex mu_;
  int running_ ABSL_GUARDED_BY(mu_) = 0;
  std::string dummy_hash_;
};

}  // namespace helpdesk::identity
