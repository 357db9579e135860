// The IdentityService gRPC handlers. This first part signs accounts in
// (Login); sessions, refresh, password changes and resets, companies and
// accounts come with the identity issue and answer UNIMPLEMENTED until then.
#pragma once

#include "absl/time/time.h"
#include "helpdesk/identity/v1/identity.grpc.pb.h"
#include "libs/auth/token.h"
#include "services/identity/password_hasher.h"
#include "services/identity/store.h"

namespace helpdesk::identity {

class IdentityServiceImpl final : public v1::IdentityService::Service {
 public:
  IdentityServiceImpl(IdentityStore& store, PasswordHasher& hasher, auth::TokenSigner signer,
                      absl::Duration token_ttl)
      : store_(store), hasher_(hasher), signer_(std::move(signer)), token_ttl_(token_ttl) {}

  grpc::Status Login(grpc::ServerContext* context, const v1::LoginRequest* request,
                     v1::TokenResponse* response) override;

 private:
  IdentityStore& store_;
  PasswordHasher& hasher_;
  const auth::TokenSigner signer_;
  const absl::Duration token_ttl_;
};

}  // namespace helpdesk::identity
