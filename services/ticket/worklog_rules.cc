#include "services/ticket/worklog_rules.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace helpdesk::ticket {
namespace {

using google::protobuf::util::TimeUtil;

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(t));
}

bool WholeMinute(const google::protobuf::Timestamp& t) {
  return t.nanos() == 0 && t.seconds() % 60 == 0;
}

}  // namespace

absl::StatusOr<NewWorkLogEntry> ValidateWorkLog(const common::v1::Person& consultant,
                                                const v1::AddWorkLogEntryRequest& r,
                                                absl::Time now) {
  NewWorkLogEntry entry;
  entry.ticket_id = r.id();
  entry.consultant = consultant;
  if (r.service_type() == v1::WorkLogEntry::SERVICE_TYPE_UNSPECIFIED ||
      !v1::WorkLogEntry::ServiceType_IsValid(r.service_type())) {
    return absl::InvalidArgumentError("serviceType: required: SAT, STA or SAD");
  }
  entry.service_type = static_cast<billing::ServiceType>(r.service_type());
  if (!r.has_start()) return absl::InvalidArgumentError("start: required");
  if (!WholeMinute(r.start())) return absl::InvalidArgumentError("start: must be a whole minute");
  entry.start = ToTime(r.start());
  if (r.has_end() == (r.duration_minutes() != 0)) {
    return absl::InvalidArgumentError("end: give either end or durationMinutes");
  }
  if (r.has_end()) {
    if (!WholeMinute(r.end())) return absl::InvalidArgumentError("end: must be a whole minute");
    entry.end = ToTime(r.end());
  } else {
    if (r.duration_minutes() < 0 || r.duration_minutes() > 24 * 60) {
      return absl::InvalidArgumentError("durationMinutes: between 1 and 1440");
    }
    entry.end = entry.start + absl::Minutes(r.duration_minutes());
  }
  if (entry.end <= entry.start) return absl::InvalidArgumentError("end: must be after start");
  if (entry.end - entry.start > absl::Hours(24)) {
    return absl::InvalidArgumentError("end: an entry lasts at most 24 hours");
  }
  if (entry.end > now + absl::Minutes(1)) {
    return absl::InvalidArgumentError("end: must not be in the future");
  }
  if (r.on_site() && r.service_type() != v1::WorkLogEntry::SAD) {
    return absl::InvalidArgumentError("onSite: only S.A.D. (SAD) work is on site");
  }
  entry.on_site = r.on_site();
  if (r.description().size() > 4000) {
    return absl::InvalidArgumentError("description: at most 4000 characters");
  }
  entry.description = r.description();
  return entry;
}

v1::AddWorkLogEntryRequest MergeWorkLogUpdate(const v1::WorkLogEntry& current,
                                              const v1::UpdateWorkLogEntryRequest& update) {
  v1::AddWorkLogEntryRequest merged;
  merged.set_id(current.ticket_id());
  merged.set_service_type(update.has_service_type() ? update.service_type()
                                                    : current.service_type());
  *merged.mutable_start() = update.has_start() ? update.start() : current.start();
  if (update.has_end()) {
    *merged.mutable_end() = update.end();
    // Both given: ValidateWorkLog refuses it, as AddWorkLogEntry does.
    if (update.has_duration_minutes()) merged.set_duration_minutes(update.duration_minutes());
  } else if (update.has_duration_minutes()) {
    // 0 is refused like AddWorkLogEntry's "neither": name the field.
    merged.set_duration_minutes(update.duration_minutes() == 0 ? -1 : update.duration_minutes());
  } else {
    *merged.mutable_end() = current.end();
  }
  merged.set_on_site(update.has_on_site() ? update.on_site() : current.on_site());
  merged.set_description(update.has_description() ? update.description() : current.description());
  return merged;
}

absl::StatusOr<std::pair<absl::Time, absl::Time>> BillingMonthRange(const std::string& month,
                                                                    const absl::TimeZone& zone,
                                                                    absl::string_view field) {
  int year = 0, mon = 0;
  bool digits = month.size() == 7 && month[4] == '-';
  for (size_t i = 0; digits && i < month.size(); ++i) {
    digits = i == 4 || absl::ascii_isdigit(static_cast<unsigned char>(month[i]));
  }
  if (!digits || !absl::SimpleAtoi(month.substr(0, 4), &year) ||
      !absl::SimpleAtoi(month.substr(5, 2), &mon) || mon < 1 || mon > 12 || year < 2000) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must be YYYY-MM"));
  }
  absl::CivilMonth first(year, mon);
  return std::make_pair(absl::FromCivil(absl::CivilSecond(first), zone),
                        absl::FromCivil(absl::CivilSecond(first + 1), zone));
}

std::string BillingMonthOf(absl::Time t, const absl::TimeZone& zone) {
  return absl::FormatTime("%Y-%m", t, zone);
}

absl::Status CheckMonthHasEnded(const std::string& month, const absl::TimeZone& zone,
                                absl::Time now) {
  auto range = BillingMonthRange(month, zone);
  if (!range.ok()) return range.status();
  if (range->second > now) {
    return absl::FailedPreconditionError(
        absl::StrCat("month: ", month, " has not ended yet: only a past month can be closed"));
  }
  return absl::OkStatus();
}

}  // namespace helpdesk::ticket
