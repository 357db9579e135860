// The AttachmentService gRPC handlers. Until its issue lands, every RPC answers
// UNIMPLEMENTED (the generated base class's default).
#pragma once

#include "helpdesk/attachment/v1/attachment.grpc.pb.h"

namespace helpdesk::attachment {

class AttachmentServiceImpl final : public v1::AttachmentService::Service {};

}  // namespace helpdesk::attachment
