// The TicketService gRPC handlers: authorize (from the verified caller),
// validate, and call the store. Storage arrives injected, so tests can run
// the handlers in an in-process server.
#pragma once

#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "libs/auth/authorization.h"
#include "services/ticket/identity_client.h"
#include "services/ticket/store.h"

namespace helpdesk::ticket {

class TicketServiceImpl final : public v1::TicketService::Service {
 public:
  TicketServiceImpl(TicketStore& store, IdentityClient& identity)
      : store_(store), identity_(identity) {}

  grpc::Status CreateTicket(grpc::ServerContext* context, const v1::CreateTicketRequest* request,
                            v1::Ticket* response) override;
  grpc::Status GetTicket(grpc::ServerContext* context, const v1::GetTicketRequest* request,
                         v1::Ticket* response) override;

 private:
  // OK when the ticket's company may receive a new ticket now: it exists,
  // is active, and (for a customer) has set its notification e-mail.
  absl::Status CheckCompany(grpc::ServerContext* context, const auth::Caller& caller,
                            NewTicket& ticket);

  TicketStore& store_;
  IdentityClient& identity_;
};

}  // namespace helpdesk::ticket
