#include "services/ticket/catalog_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ticket/format.h"

namespace helpdesk::ticket {
namespace {

bool IsCodeChar(char c) { return absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_'; }

bool AllCodeChars(absl::string_view s) {
  for (char c : s) {
    if (!IsCodeChar(c)) return false;
  }
  return true;
}

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

}  // namespace

absl::Status ValidateScopeCode(absl::string_view code, absl::string_view field) {
  if (code.empty()) return Invalid(field, "required");
  if (code.size() < 2 || code.size() > kMaxScopeCodeChars || !absl::ascii_isupper(code[0]) ||
      !AllCodeChars(code)) {
    return Invalid(field,
                   "must be 2-40 characters A-Z, 0-9 or '_', starting with a letter (XCROSS_ERP)");
  }
  return absl::OkStatus();
}

absl::Status ValidateTopicCode(absl::string_view code, absl::string_view scope,
                               absl::string_view field) {
  if (code.empty()) return Invalid(field, "required");
  const std::string prefix = absl::StrCat(scope, ".");
  if (!absl::StartsWith(code, prefix)) {
    return Invalid(field, absl::StrCat("must start with its scope's code: \"", prefix, "…\""));
  }
  absl::string_view part = code.substr(prefix.size());
  if (part.empty() || part.size() > kMaxTopicPartChars || part[0] == '_' || !AllCodeChars(part)) {
    return Invalid(field,
                   "after the scope's code and '.': 1-80 characters A-Z, 0-9 or '_', starting "
                   "with a letter or digit (HYPERGEST.IVA)");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ValidateCatalogName(absl::string_view name, absl::string_view field) {
  std::string trimmed = TrimText(std::string_view(name.data(), name.size()));
  if (trimmed.empty()) return Invalid(field, "required");
  if (CountChars(trimmed) > kMaxCatalogNameChars) {
    return Invalid(field, "at most 100 characters");
  }
  for (unsigned char c : trimmed) {
    if (c < 0x20 || c == 0x7f) return Invalid(field, "must not contain control characters");
  }
  return trimmed;
}

}  // namespace helpdesk::ticket
