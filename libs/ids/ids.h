// Random identifiers from the operating system's CSPRNG (libsodium), so an id
// can be shown to users without being guessable.
//
//   std::string event_id = helpdesk::ids::NewUuid();   // "3f2c…-4…-…"
//   std::string token = helpdesk::ids::RandomToken(32);  // 256 bits, base64url
#pragma once

#include <cstddef>
#include <string>

namespace helpdesk::ids {

// A random (version 4) UUID in its canonical lower-case text form.
std::string NewUuid();
// `bytes` random bytes, base64url without padding.
std::string RandomToken(size_t bytes);
// Whether `text` is a UUID in canonical text form (any version).
bool IsUuid(const std::string& text);

}  // namespace helpdesk::ids
