#include "services/notification/notification_service.h"

#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"

namespace helpdesk::notification {

grpc::Status NotificationServiceImpl::ListDeliveries(grpc::ServerContext* context,
                                                     const v1::ListDeliveriesRequest* request,
                                                     v1::ListDeliveriesResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (!caller.IsStaff()) return absl::PermissionDeniedError("staff only");
    if (request->ticket_id().empty()) return absl::InvalidArgumentError("ticketId: required");
    HELPDESK_ASSIGN_OR_RETURN(std::vector<v1::Delivery> deliveries,
                              store_.ListForTicket(request->ticket_id()));
    for (auto& d : deliveries) *response->add_deliveries() = std::move(d);
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::notification
