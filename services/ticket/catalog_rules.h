// What an administrator may name a scope or a topic (CreateScope,
// CreateTopic, UpdateScope, UpdateTopic): the same shape as the seeded
// catalog's codes. Pure; errors are INVALID_ARGUMENT naming the field.
//
//   HELPDESK_RETURN_IF_ERROR(ValidateScopeCode(request.code()));          // "XCROSS_ERP"
//   HELPDESK_RETURN_IF_ERROR(ValidateTopicCode(request.code(), "HYPERGEST"));
//   HELPDESK_ASSIGN_OR_RETURN(std::string name, ValidateCatalogName(request.name()));
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace helpdesk::ticket {

inline constexpr size_t kMaxScopeCodeChars = 40;
inline constexpr size_t kMaxTopicPartChars = 80;
inline constexpr size_t kMaxCatalogNameChars = 100;

// 2..40 characters of A–Z, 0–9 and '_', starting with a letter ("HYPERGEST",
// "QLIK_SENSE_BI"). No '.', so no scope code is ever a topic code.
absl::Status ValidateScopeCode(absl::string_view code, absl::string_view field = "code");

// "<scope>.<PART>": the topic's own scope code, a '.', and 1..80 characters
// of A–Z, 0–9 and '_' starting with a letter or digit ("HYPERGEST.IVA",
// "HYPERGEST.INDUSTRY_4_0"), so a topic code names its scope.
absl::Status ValidateTopicCode(absl::string_view code, absl::string_view scope,
                               absl::string_view field = "code");

// The name trimmed: required, at most 100 characters, no control characters.
absl::StatusOr<std::string> ValidateCatalogName(absl::string_view name,
                                                absl::string_view field = "name");

}  // namespace helpdesk::ticket
