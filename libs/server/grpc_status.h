// The one place where absl::Status and grpc::Status meet. Their codes are the
// same canonical codes, so only the types change.
//
//   return server::ToGrpc(DoCreate(caller, *request, response));
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace helpdesk::server {

grpc::Status ToGrpc(const absl::Status& status);
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace helpdesk::server
