// Contexts for calls a service makes to another while handling a request.
//
//   auto context = server::OutgoingContext(incoming, absl::Seconds(2));
//   grpc::Status s = attachment_stub->GetAttachments(context.get(), request, &reply);
//
// Every outgoing call gets a deadline: the incoming call's, when it is
// sooner, else now + `timeout`; and it carries the caller's credentials, so
// the callee authorizes the same person.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include <memory>

#include "absl/time/time.h"

namespace helpdesk::server {

std::unique_ptr<grpc::ClientContext> OutgoingContext(const grpc::ServerContext* incoming,
                                                     absl::Duration timeout);

}  // namespace helpdesk::server
