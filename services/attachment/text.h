// Bridges std::string_view to Abseil 20220623's own absl::string_view, which
// absl::StrCat and friends need (the two types do not convert).
#pragma once

#include <string_view>

#include "absl/strings/string_view.h"

namespace helpdesk::attachment {

inline absl::string_view Absl(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view Std(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace helpdesk::attachment
