// Bridges std::string_view and Abseil 20220623's own absl::string_view,
// which do not convert into each other.
//
//   absl::StrCat("route ", Absl(template_text));
#pragma once

#include <string_view>

#include "absl/strings/string_view.h"

namespace helpdesk::gateway {

inline absl::string_view Absl(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view Std(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace helpdesk::gateway
