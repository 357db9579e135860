// Flag values that need more than CLI11's checks: instants, durations,
// months, texts from files. Every error is a usage error (exit 2) naming
// the flag.
//
//   HELPDESK_ASSIGN_OR_RETURN(absl::Time start,
//                             ParseInstant("2025-06-17T10:00:00+02:00", "--start", zone));
#pragma once

#include <istream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace helpdesk::helpdeskctl {

// RFC 3339 ("2025-06-17T10:00:00+02:00", "…Z", seconds optional), or a
// local time without offset in `local` ("2025-06-17 10:00",
// "2025-06-17T10:00").
absl::StatusOr<absl::Time> ParseInstant(absl::string_view text, absl::string_view flag,
                                        const absl::TimeZone& local);

// Whole minutes: "45", "45m", "1h30m", "2h". At least one minute.
absl::StatusOr<int> ParseMinutes(absl::string_view text, absl::string_view flag);

// "YYYY-MM" with a month 01..12.
absl::Status CheckMonth(absl::string_view text, absl::string_view flag);

// The text of --note (given inline) or --note-file (a path, "-" for
// standard input); exactly one of them.
absl::StatusOr<std::string> ReadText(const std::string& inline_text, const std::string& file,
                                     std::istream& in, absl::string_view inline_flag,
                                     absl::string_view file_flag);

}  // namespace helpdesk::helpdeskctl
