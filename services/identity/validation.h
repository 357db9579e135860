// What the identity service accepts from users: VAT numbers, e-mail
// addresses, passwords. Each check returns INVALID_ARGUMENT naming the JSON
// field, so handlers pass the result on.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace helpdesk::identity {

// An Italian VAT number (partita IVA): 11 digits, the last one the check
// digit of the first ten.
bool IsValidVatNumber(std::string_view vat);
absl::Status ValidateVatNumber(std::string_view field, std::string_view vat);

// A username for a staff account or a contact: 3 to 64 characters, letters,
// digits and . _ @ - only, and not 11 digits (a company's portal account is
// named by its VAT number).
absl::Status ValidateUsername(std::string_view field, std::string_view username);

// A plausible single mailbox address: local@domain.tld, no spaces or control
// characters, at most 254 characters.
absl::Status ValidateEmail(std::string_view field, std::string_view email);

// The password policy: at least 10 characters, not the username (in any
// case), not a commonly used password.
absl::Status ValidateNewPassword(std::string_view field, std::string_view password,
                                 std::string_view username);
bool IsCommonPassword(std::string_view password);

}  // namespace helpdesk::identity
