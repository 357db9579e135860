// The NotificationService gRPC handlers (the delivery log comes with the
// notifications issue; until then its RPCs answer UNIMPLEMENTED).
#pragma once

#include "helpdesk/notification/v1/notification.grpc.pb.h"

namespace helpdesk::notification {

class NotificationServiceImpl final : public v1::NotificationService::Service {};

}  // namespace helpdesk::notification
