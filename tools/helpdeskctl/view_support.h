// Small formatting helpers shared by the views.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"

namespace helpdesk::helpdeskctl {

// An enum value's name as the API writes it; "" for the *_UNSPECIFIED zero.
inline std::string EnumText(const std::string& name) {
  return absl::EndsWith(name, "_UNSPECIFIED") ? "" : name;
}

inline std::string YesNo(bool b) { return b ? "yes" : "no"; }

// 532 → "532 B", 123456 → "120.6 KiB".
inline std::string Size(int64_t bytes) {
  if (bytes < 1024) return absl::StrFormat("%d B", bytes);
  if (bytes < 1024 * 1024) return absl::StrFormat("%.1f KiB", bytes / 1024.0);
  return absl::StrFormat("%.1f MiB", bytes / (1024.0 * 1024.0));
}

}  // namespace helpdesk::helpdeskctl
