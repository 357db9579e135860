// Accounts the local stack needs at start:
//   HELPDESK_ADMIN_PASSWORD  when set, the `admin` administrator is created
//                            with it, or given it again on every start;
//   HELPDESK_DEMO            when true, the demo company "Demo S.r.l." (VAT
//                            12345678903, its first password) is created
//                            once.
#pragma once

#include "absl/status/status.h"
#include "libs/config/config.h"
#include "services/identity/password_hasher.h"
#include "services/identity/store.h"

namespace helpdesk::identity {

inline constexpr char kDemoCompanyName[] = "Demo S.r.l.";
inline constexpr char kDemoVatNumber[] = "12345678903";

absl::Status Seed(const config::Config& config, IdentityStore& store, PasswordHasher& hasher);

}  // namespace helpdesk::identity
