// The NotificationService gRPC handlers: the delivery log staff read
// (GET /v1/tickets/{ticketId}/deliveries). The access rule on the RPC and
// the shared interceptor admit staff only; the handler asks for the caller
// first all the same, so a refusal is never bypassed.
#pragma once

#include "helpdesk/notification/v1/notification.grpc.pb.h"
#include "services/notification/delivery_store.h"

namespace helpdesk::notification {

class NotificationServiceImpl final : public v1::NotificationService::Service {
 public:
  explicit NotificationServiceImpl(DeliveryStore& store) : store_(store) {}

  grpc::Status ListDeliveries(grpc::ServerContext* context,
                              const v1::ListDeliveriesRequest* request,
                              v1::ListDeliveriesResponse* response) override;

 private:
  DeliveryStore& store_;
};

}  // namespace helpdesk::notification
