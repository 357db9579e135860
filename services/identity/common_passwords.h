// The common-password list shipped with the service (data/common-passwords.txt),
// embedded at build time: a null-terminated array of entries.
#pragma once

namespace helpdesk::identity {

extern const char* const kCommonPasswords[];

}  // namespace helpdesk::identity
