// What the ticket service asks the identity service, synchronously, when its
// local copy of a company (kept from CompanyChanged events) cannot answer
// yet: an event may still be on its way right after a change.
#pragma once

#include <grpcpp/server_context.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "helpdesk/identity/v1/identity.grpc.pb.h"

namespace helpdesk::ticket {

class IdentityClient {
 public:
  virtual ~IdentityClient() = default;
  // The caller's own account, asked with the caller's credentials.
  virtual absl::StatusOr<identity::v1::Me> GetMe(const grpc::ServerContext* incoming) = 0;
  // A company, asked with the (staff) caller's credentials.
  virtual absl::StatusOr<identity::v1::Company> GetCompany(const grpc::ServerContext* incoming,
                                                           const std::string& id) = 0;
  // An account, asked with the (staff) caller's credentials.
  virtual absl::StatusOr<identity::v1::Account> GetAccount(const grpc::ServerContext* incoming,
                                                           const std::string& id) = 0;
};

// The gRPC implementation; every call has a deadline of `timeout` (or the
// incoming call's, when sooner).
std::unique_ptr<IdentityClient> MakeGrpcIdentityClient(const std::string& address,
                                                       absl::Duration timeout);

}  // namespace helpdesk::ticket
