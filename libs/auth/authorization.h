// Authorization for every helpdesk gRPC service, in one place.
//
// Each RPC declares in its proto who may call it
// (`option (helpdesk.common.v1.access) = { role: CONSULTANT }`). The server
// interceptor made here reads that rule, verifies the caller's access token
// (`authorization: Bearer …` metadata) and decides, in the order of SPEC §7:
// authentication (UNAUTHENTICATED), expired password (FAILED_PRECONDITION),
// role (PERMISSION_DENIED). Handlers then ask for the verified caller:
//
//   HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
//
// which returns the interceptor's refusal when there is one, so a handler
// never runs its logic for a caller who may not call it. A refused call
// answers the refusal even when its handler did not ask (one not written
// yet answers 401/403, not UNIMPLEMENTED). A PUBLIC RPC called with an
// invalid token, or one of an account whose password expired, runs as
// anonymous (Caller::authenticated false). Tenant checks (404
// for another company's resource) belong to the handler, from caller.company_id.
// An RPC of a helpdesk service without an access rule is refused to everybody.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/token.h"

namespace google::protobuf {
class ServiceDescriptor;
}
namespace grpc {
class ServerContextBase;
}

namespace helpdesk::auth {

struct Caller {
  bool authenticated = false;  // false for PUBLIC RPCs called without a token
  std::string account_id;
  common::v1::Person::Role role = common::v1::Person::ROLE_UNSPECIFIED;
  std::string company_id;
  std::string display_name;
  std::string username;
  std::string session_id;

  bool IsStaff() const {
    return role == common::v1::Person::CONSULTANT || role == common::v1::Person::ADMINISTRATOR;
  }
  common::v1::Person AsPerson() const;
};

// The interceptor factory for a server hosting `services`.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeAuthorizationFactory(
    std::shared_ptr<const TokenVerifier> verifier,
    const std::vector<const google::protobuf::ServiceDescriptor*>& services);

// The caller of the RPC being handled, or the interceptor's refusal.
absl::StatusOr<Caller> CallerOf(const grpc::ServerContextBase* context);

}  // namespace helpdesk::auth
