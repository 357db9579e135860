#include "services/identity/validation.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/identity/common_passwords.h"

namespace helpdesk::identity {
namespace {

absl::Status Invalid(std::string_view field, std::string_view why) {
  return absl::InvalidArgumentError(std::string(field) + ": " + std::string(why));
}

size_t CountChars(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Lower(std::string_view s) { return absl::AsciiStrToLower(std::string(s)); }

}  // namespace

bool IsValidVatNumber(std::string_view vat) {
  if (vat.size() != 11) return false;
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    if (vat[i] < '0' || vat[i] > '9') return false;
    int digit = vat[i] - '0';
    if (i % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  if (vat[10] < '0' || vat[10] > '9') return false;
  return (10 - sum % 10) % 10 == vat[10] - '0';
}

absl::Status ValidateVatNumber(std::string_view field, std::string_view vat) {
  if (vat.empty()) return Invalid(field, "required");
  if (vat.size() != 11 || !std::all_of(vat.begin(), vat.end(), absl::ascii_isdigit)) {
    return Invalid(field, "must be 11 digits");
  }
  if (!IsValidVatNumber(vat)) return Invalid(field, "the check digit does not match");
  return absl::OkStatus();
}

absl::Status ValidateUsername(std::string_view field, std::string_view username) {
  if (username.empty()) return Invalid(field, "required");
  if (username.size() < 3 || username.size() > 64) {
    return Invalid(field, "between 3 and 64 characters");
  }
  for (char c : username) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '_' && c != '@' && c != '-') {
      return Invalid(field, "only letters, digits and . _ @ - are allowed");
    }
  }
  if (username.size() == 11 && std::all_of(username.begin(), username.end(), absl::ascii_isdigit)) {
    return Invalid(field, "11 digits are reserved for companies' VAT numbers");
  }
  return absl::OkStatus();
}

absl::Status ValidateEmail(std::string_view field, std::string_view email) {
  if (email.empty()) return Invalid(field, "required");
  if (email.size() > 254) return Invalid(field, "at most 254 characters");
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return Invalid(field, "not a valid e-mail address");
  }
  std::string_view local = email.substr(0, at);
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (local.size() > 64 || domain.empty() || dot == std::string_view::npos || dot == 0 ||
      dot + 1 >= domain.size() || domain.find("..") != std::string_view::npos ||
      domain.front() == '-' || domain.front() == '.') {
    return Invalid(field, "not a valid e-mail address");
  }
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
        c == '\\' || c == '(' || c == ')' || c == '[' || c == ']') {
      return Invalid(field, "not a valid e-mail address");
    }
  }
  return absl::OkStatus();
}

bool IsCommonPassword(std::string_view password) {
  static const auto* list = [] {
    auto* set = new std::unordered_set<std::string>();
    for (const char* const* p = kCommonPasswords; *p != nullptr; ++p) set->insert(Lower(*p));
    return set;
  }();
  return list->count(Lower(password)) > 0;
}

absl::Status ValidateNewPassword(std::string_view field, std::string_view password,
                                 std::string_view username) {
  if (password.empty()) return Invalid(field, "required");
  if (CountChars(password) < 10) return Invalid(field, "at least 10 characters");
  if (password.size() > 256) return Invalid(field, "at most 256 bytes");
  if (Lower(password) == Lower(username)) return Invalid(field, "must differ from the username");
  if (IsCommonPassword(password)) return Invalid(field, "too common: choose another one");
  return absl::OkStatus();
}

}  // namespace helpdesk::identity
