#include "libs/calendar/calendar_spec.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace helpdesk::calendar {

std::vector<WorkingWindow> DefaultWorkingWindows() {
  std::vector<WorkingWindow> windows;
  for (absl::Weekday day : {absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
                            absl::Weekday::thursday, absl::Weekday::friday}) {
    windows.push_back({day, 9 * 60, 13 * 60});
    windows.push_back({day, 14 * 60 + 30, 18 * 60 + 30});
  }
  return windows;
}

absl::StatusOr<int> ParseTimeOfDay(absl::string_view text, absl::string_view field) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not a time of day HH:MM (00:00..24:00)"));
  };
  if (text.size() != 5 || text[2] != ':') return invalid();
  for (int i : {0, 1, 3, 4}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return invalid();
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return invalid();
  return hours * 60 + minutes;
}

std::string FormatTimeOfDay(int minutes) {
  return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60);
}

}  // namespace helpdesk::calendar
