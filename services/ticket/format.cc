#include "services/ticket/format.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace helpdesk::ticket {

std::string FormatNumber(int64_t number) { return absl::StrFormat("#%06d", number); }

namespace {

// Length of a Unicode space (U+00A0, U+2000–U+200B, U+3000, U+FEFF) at `s`'s
// start or end, or 0.
size_t UnicodeSpaceAt(std::string_view s, bool at_end) {
  static constexpr std::string_view kSpaces[] = {
      "\u00a0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
      "\u2008", "\u2009", "\u200a", "\u200b", "\u202f", "\u205f", "\u3000", "\ufeff"};
  for (std::string_view space : kSpaces) {
    if (s.size() < space.size()) continue;
    std::string_view part = at_end ? s.substr(s.size() - space.size()) : s.substr(0, space.size());
    if (part == space) return space.size();
  }
  return 0;
}

}  // namespace

std::string TrimText(std::string_view text) {
  for (;;) {
    std::string_view before = text;
    absl::string_view stripped =
        absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
    text = std::string_view(stripped.data(), stripped.size());
    if (size_t n = UnicodeSpaceAt(text, false)) text.remove_prefix(n);
    if (size_t n = UnicodeSpaceAt(text, true)) text.remove_suffix(n);
    if (text == before) return std::string(text);
  }
}

size_t CountChars(std::string_view utf8) {
  size_t count = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace helpdesk::ticket
