#include "libs/sla_policy/policy.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace helpdesk::sla_policy {
namespace {

constexpr absl::Duration kLongestTarget = absl::Hours(10'000);

absl::Status CheckTarget(absl::Duration target, absl::string_view prefix, absl::string_view name) {
  if (target <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(prefix, ".", name, ": must be positive"));
  }
  if (target > kLongestTarget) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix, ".", name, ": must be at most 10000 hours"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Priority> ParsePriority(absl::string_view name, absl::string_view field) {
  if (name == "HIGH") return Priority::kHigh;
  if (name == "MEDIUM") return Priority::kMedium;
  if (name == "LOW") return Priority::kLow;
  if (name.empty() || name == "PRIORITY_UNSPECIFIED") {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  return absl::InvalidArgumentError(absl::StrCat(field, ": must be HIGH, MEDIUM or LOW"));
}

const char* PriorityName(Priority priority) {
  switch (priority) {
    case Priority::kHigh:
      return "HIGH";
    case Priority::kMedium:
      return "MEDIUM";
    case Priority::kLow:
      return "LOW";
  }
  return "LOW";  // unreachable: every enumerator is handled
}

absl::Duration Policy::TargetFor(Priority priority) const {
  switch (priority) {
    case Priority::kHigh:
      return high;
    case Priority::kMedium:
      return medium;
    case Priority::kLow:
      return low;
  }
  return low;  // unreachable
}

absl::Status ValidatePolicy(const Policy& policy, absl::string_view prefix) {
  for (const auto& [target, name] :
       {std::pair{policy.high, "high"}, std::pair{policy.medium, "medium"},
        std::pair{policy.low, "low"}, std::pair{policy.urgent_on_site, "urgentOnSite"}}) {
    absl::Status status = CheckTarget(target, prefix, name);
    if (!status.ok()) return status;
  }
  if (policy.resolution != absl::ZeroDuration()) {
    absl::Status status = CheckTarget(policy.resolution, prefix, "resolution");
    if (!status.ok()) return status;
  }
  // NaN fails both comparisons' negation below, so it is refused too.
  if (!(policy.warning_fraction > 0.0 && policy.warning_fraction < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat(prefix, ".warningFraction: must be between 0 and 1 (exclusive)"));
  }
  return absl::OkStatus();
}

absl::Duration TargetOf(const Policy& policy, Priority priority, bool urgent_on_site) {
  return urgent_on_site ? policy.urgent_on_site : policy.TargetFor(priority);
}

TicketDue ComputeTicketDue(const calendar::Calendar& calendar, const Policy& policy,
                           absl::Time created_at, Priority priority, bool urgent_on_site) {
  TicketDue due;
  due.target = policy.TargetFor(priority);
  due.sla_due_at = calendar.AddBusinessTime(created_at, due.target);
  due.warning_at = calendar.AddBusinessTime(created_at, due.target * policy.warning_fraction);
  if (urgent_on_site) {
    due.on_site_due_at = calendar.AddBusinessTime(created_at, policy.urgent_on_site);
  }
  return due;
}

}  // namespace helpdesk::sla_policy
