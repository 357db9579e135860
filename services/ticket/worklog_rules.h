// The rules of a work-log entry (SPEC §5) and of billing months, pure: the
// input of AddWorkLogEntry and of UpdateWorkLogEntry (merged over the
// current entry first), and months "YYYY-MM" in the calendar's zone. Errors
// are INVALID_ARGUMENT naming the API's JSON field, FAILED_PRECONDITION for a
// month that has not ended.
//
//   HELPDESK_ASSIGN_OR_RETURN(NewWorkLogEntry entry,
//                             ValidateWorkLog(caller.AsPerson(), request, absl::Now()));
//   std::string month = BillingMonthOf(entry.start, calendar.time_zone());   // "2025-06"
//   HELPDESK_RETURN_IF_ERROR(CheckMonthHasEnded("2025-06", zone, absl::Now()));
#pragma once

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/billing/pricing.h"

namespace helpdesk::ticket {

struct NewWorkLogEntry {
  std::string ticket_id;
  common::v1::Person consultant;
  billing::ServiceType service_type = billing::ServiceType::kUnspecified;
  absl::Time start;
  absl::Time end;
  bool on_site = false;
  std::string description;
};

// The entry `request` describes, logged by `consultant`: a service type,
// whole minutes, an end after the start (given or by durationMinutes), at
// most 24 hours, not in the future (a minute of clock skew allowed), on-site
// only for S.A.D., a description of at most 4000 characters.
absl::StatusOr<NewWorkLogEntry> ValidateWorkLog(const common::v1::Person& consultant,
                                                const v1::AddWorkLogEntryRequest& request,
                                                absl::Time now);

// The entry an update asks for, as an AddWorkLogEntryRequest for
// ValidateWorkLog: each field given in `update` replaces the current one;
// without `end` and `durationMinutes` the current end is kept.
v1::AddWorkLogEntryRequest MergeWorkLogUpdate(const v1::WorkLogEntry& current,
                                              const v1::UpdateWorkLogEntryRequest& update);

// [first instant of the month, first instant of the next) in `zone`, for
// "YYYY-MM" (year 2000 or later): INVALID_ARGUMENT "<field>: must be YYYY-MM".
absl::StatusOr<std::pair<absl::Time, absl::Time>> BillingMonthRange(
    const std::string& month, const absl::TimeZone& zone, absl::string_view field = "month");

// The billing month of an instant in `zone`: "2025-06". An entry belongs to
// the month it starts in (as the report counts it).
std::string BillingMonthOf(absl::Time t, const absl::TimeZone& zone);

// OK when every instant of `month` is before `now`; FAILED_PRECONDITION
// "month: 2025-06 has not ended yet: only a past month can be closed".
absl::Status CheckMonthHasEnded(const std::string& month, const absl::TimeZone& zone,
                                absl::Time now);

}  // namespace helpdesk::ticket
