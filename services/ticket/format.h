// How tickets are shown and what users may type, shared by the handlers and
// the store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace helpdesk::ticket {

inline constexpr size_t kMaxSubjectChars = 200;
inline constexpr size_t kMaxNoteBytes = 64 * 1024;

// "#000221": six digits, more when the number outgrows them.
std::string FormatNumber(int64_t number);
// Leading and trailing white space removed (ASCII and Unicode spaces).
std::string TrimText(std::string_view text);
// The number of Unicode code points in valid UTF-8 text.
size_t CountChars(std::string_view utf8);

}  // namespace helpdesk::ticket
