// The SlaService gRPC handlers. Until its issue lands, every RPC answers
// UNIMPLEMENTED (the generated base class's default).
#pragma once

#include "helpdesk/sla/v1/sla.grpc.pb.h"

namespace helpdesk::sla {

class SlaServiceImpl final : public v1::SlaService::Service {};

}  // namespace helpdesk::sla
