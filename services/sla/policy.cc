#include "services/sla/policy.h"

namespace helpdesk::sla {

absl::StatusOr<absl::Duration> TargetFor(const SlaPolicy& policy, v1::SlaTarget::Priority priority,
                                         bool urgent_on_site) {
  if (!v1::SlaTarget::Priority_IsValid(priority)) {
    return absl::InvalidArgumentError("priority: must be HIGH, MEDIUM or LOW");
  }
  if (urgent_on_site) return policy.urgent_on_site;
  switch (priority) {
    case v1::SlaTarget::HIGH:
      return policy.high;
    case v1::SlaTarget::MEDIUM:
      return policy.medium;
    case v1::SlaTarget::LOW:
      return policy.low;
    default:
      return absl::InvalidArgumentError("priority: required unless urgentOnSite");
  }
}

}  // namespace helpdesk::sla
