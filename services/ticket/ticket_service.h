// The TicketService gRPC handlers: authorize (from the verified caller),
// validate, and call the store. Storage arrives injected, so tests can run
// the handlers in an in-process server.
#pragma once

#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "services/ticket/store.h"

namespace helpdesk::ticket {

class TicketServiceImpl final : public v1::TicketService::Service {
 public:
  explicit TicketServiceImpl(TicketStore& store) : store_(store) {}

  grpc::Status CreateTicket(grpc::ServerContext* context, const v1::CreateTicketRequest* request,
                            v1::Ticket* response) override;
  grpc::Status GetTicket(grpc::ServerContext* context, const v1::GetTicketRequest* request,
                         v1::Ticket* response) override;

 private:
  TicketStore& store_;
};

}  // namespace helpdesk::ticket
