// The SlaService gRPC handlers: authorize (the interceptor has checked the
// access rule; handlers take the verified caller), validate, compute on the
// calendar. The calendar and policy arrive through the constructor, so tests
// run the handlers in an in-process server. RPCs not implemented yet answer
// UNIMPLEMENTED (the generated base class's default).
#pragma once

#include <utility>

#include "helpdesk/sla/v1/sla.grpc.pb.h"
#include "libs/calendar/calendar.h"
#include "services/sla/policy.h"

namespace helpdesk::sla {

class SlaServiceImpl final : public v1::SlaService::Service {
 public:
  SlaServiceImpl(calendar::Calendar calendar, SlaPolicy policy)
      : calendar_(std::move(calendar)), policy_(policy) {}

  // POST /v1/sla:computeDue (staff): the due instant of a take-in-charge
  // target (`priority`) or of an urgent on-site intervention
  // (`urgentOnSite`) counted from `start`. INVALID_ARGUMENT naming the field
  // for a missing or invalid start or priority, or an unknown calendar.
  grpc::Status ComputeDue(grpc::ServerContext* context, const v1::ComputeDueRequest* request,
                          v1::ComputeDueResponse* response) override;

 private:
  const calendar::Calendar calendar_;
  const SlaPolicy policy_;
};

}  // namespace helpdesk::sla
