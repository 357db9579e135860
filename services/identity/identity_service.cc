#include "services/identity/identity_service.h"

#include "absl/time/clock.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"

namespace helpdesk::identity {

grpc::Status IdentityServiceImpl::Login(grpc::ServerContext* context,
                                        const v1::LoginRequest* request,
                                        v1::TokenResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    if (request->username().empty()) return absl::InvalidArgumentError("username: required");
    if (request->password().empty()) return absl::InvalidArgumentError("password: required");
    // One answer for every failure, after the same work, so that nobody
    // learns which accounts exist.
    const absl::Status refused = absl::UnauthenticatedError("invalid username or password");
    HELPDESK_ASSIGN_OR_RETURN(std::optional<AccountRow> account,
                              store_.FindAccount(request->username()));
    if (!account.has_value()) {
      hasher_.VerifyDummy(request->password());
      return refused;
    }
    if (!hasher_.Verify(account->password_hash, request->password()) || !account->active) {
      return refused;
    }
    auth::Claims claims;
    claims.set_account_id(account->id);
    common::v1::Person::Role role = common::v1::Person::ROLE_UNSPECIFIED;
    common::v1::Person::Role_Parse(account->role, &role);
    claims.set_role(role);
    claims.set_company_id(account->company_id);
    claims.set_display_name(account->display_name);
    claims.set_username(account->username);
    claims.set_password_expired(account->password_expired);
    absl::Time now = absl::Now();
    claims.set_issued_at(absl::ToUnixSeconds(now));
    claims.set_expires_at(absl::ToUnixSeconds(now + token_ttl_));
    response->set_access_token(signer_.Sign(claims));
    response->set_expires_in(static_cast<int32_t>(absl::ToInt64Seconds(token_ttl_)));
    response->set_must_change_password(account->password_expired);
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::identity
