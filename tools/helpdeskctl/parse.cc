#include "tools/helpdeskctl/parse.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "tools/helpdeskctl/exit_codes.h"

namespace helpdesk::helpdeskctl {

absl::StatusOr<absl::Time> ParseInstant(absl::string_view text, absl::string_view flag,
                                        const absl::TimeZone& local) {
  const std::string s(absl::StripAsciiWhitespace(text));
  absl::Time t;
  std::string error;
  for (const char* format : {"%Y-%m-%d%ET%H:%M:%E*S%Ez", "%Y-%m-%d%ET%H:%M%Ez"}) {
    if (absl::ParseTime(format, s, &t, &error)) return t;
  }
  for (const char* format :
       {"%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"}) {
    if (absl::ParseTime(format, s, local, &t, &error)) return t;
  }
  return UsageError(absl::StrCat(flag, ": \"", s,
                                 "\" is not an instant (like 2025-06-17T10:00:00+02:00, or "
                                 "2025-06-17 10:00 in local time)"));
}

absl::StatusOr<int> ParseMinutes(absl::string_view text, absl::string_view flag) {
  const std::string s(absl::StripAsciiWhitespace(text));
  int minutes = 0;
  absl::Duration d;
  if (absl::SimpleAtoi(s, &minutes)) {
    d = absl::Minutes(minutes);
  } else if (!absl::ParseDuration(s, &d)) {
    d = absl::ZeroDuration();
  }
  if (d < absl::Minutes(1) || d > absl::Hours(24 * 31) ||
      d % absl::Minutes(1) != absl::ZeroDuration()) {
    return UsageError(absl::StrCat(flag, ": \"", s,
                                   "\" is not a duration in whole minutes (like 45, 45m, 1h30m)"));
  }
  return static_cast<int>(absl::ToInt64Minutes(d));
}

absl::Status CheckMonth(absl::string_view text, absl::string_view flag) {
  absl::CivilMonth month;
  if (text.size() != 7 || !absl::ParseCivilTime(text, &month)) {
    return UsageError(absl::StrCat(flag, ": \"", text, "\" is not a month (like 2025-06)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadText(const std::string& inline_text, const std::string& file,
                                     std::istream& in, absl::string_view inline_flag,
                                     absl::string_view file_flag) {
  if (!inline_text.empty() && !file.empty()) {
    return UsageError(absl::StrCat("give ", inline_flag, " or ", file_flag, ", not both"));
  }
  if (file.empty()) {
    if (inline_text.empty()) {
      return UsageError(absl::StrCat(inline_flag, " or ", file_flag, ": required"));
    }
    return inline_text;
  }
  std::stringstream text;
  if (file == "-") {
    text << in.rdbuf();
  } else {
    std::ifstream f(file);
    if (!f) return UsageError(absl::StrCat(file_flag, ": cannot read ", file));
    text << f.rdbuf();
  }
  return text.str();
}

}  // namespace helpdesk::helpdeskctl
