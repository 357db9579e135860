// The IdentityService gRPC handlers: sign-in, sessions, passwords, the
// caller's own account, companies, and accounts managed by administrators.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "helpdesk/identity/v1/identity.grpc.pb.h"
#include "libs/auth/token.h"
#include "services/identity/password_hasher.h"
#include "services/identity/store.h"

namespace helpdesk::identity {

struct IdentitySettings {
  absl::Duration access_token_ttl = absl::Minutes(15);
  absl::Duration refresh_token_ttl = absl::Hours(24 * 30);
  absl::Duration reset_token_ttl = absl::Minutes(30);
  // Where the portal is, for links in e-mails; never taken from a request.
  std::string public_url = "http://127.0.0.1:8080";
  Throttle account_throttle{5, absl::Minutes(15), absl::Minutes(15)};
  Throttle address_throttle{100, absl::Minutes(15), absl::Minutes(15)};
};

class IdentityServiceImpl final : public v1::IdentityService::Service {
 public:
  IdentityServiceImpl(IdentityStore& store, PasswordHasher& hasher, auth::TokenSigner signer,
                      IdentitySettings settings)
      : store_(store),
        hasher_(hasher),
        signer_(std::move(signer)),
        settings_(std::move(settings)) {}

  grpc::Status Login(grpc::ServerContext* context, const v1::LoginRequest* request,
                     v1::TokenResponse* response) override;
  grpc::Status Refresh(grpc::ServerContext* context, const v1::RefreshRequest* request,
                       v1::TokenResponse* response) override;
  grpc::Status Logout(grpc::ServerContext* context, const v1::LogoutRequest* request,
                      v1::LogoutResponse* response) override;
  grpc::Status ChangePassword(grpc::ServerContext* context,
                              const v1::ChangePasswordRequest* request,
                              v1::TokenResponse* response) override;
  grpc::Status ForgotPassword(grpc::ServerContext* context,
                              const v1::ForgotPasswordRequest* request,
                              v1::ForgotPasswordResponse* response) override;
  grpc::Status ResetPassword(grpc::ServerContext* context, const v1::ResetPasswordRequest* request,
                             v1::ResetPasswordResponse* response) override;
  grpc::Status GetMe(grpc::ServerContext* context, const v1::GetMeRequest* request,
                     v1::Me* response) override;
  grpc::Status SetNotificationEmail(grpc::ServerContext* context,
                                    const v1::SetNotificationEmailRequest* request,
                                    v1::Me* response) override;
  grpc::Status CreateCompany(grpc::ServerContext* context, const v1::CreateCompanyRequest* request,
                             v1::Company* response) override;
  grpc::Status ListCompanies(grpc::ServerContext* context, const v1::ListCompaniesRequest* request,
                             v1::ListCompaniesResponse* response) override;
  grpc::Status GetCompany(grpc::ServerContext* context, const v1::GetCompanyRequest* request,
                          v1::Company* response) override;
  grpc::Status UpdateCompany(grpc::ServerContext* context, const v1::UpdateCompanyRequest* request,
                             v1::Company* response) override;
  grpc::Status GetAccount(grpc::ServerContext* context, const v1::GetAccountRequest* request,
                          v1::Account* response) override;
  grpc::Status CreateAccount(grpc::ServerContext* context, const v1::CreateAccountRequest* request,
                             v1::Account* response) override;
  grpc::Status ListAccounts(grpc::ServerContext* context, const v1::ListAccountsRequest* request,
                            v1::ListAccountsResponse* response) override;
  grpc::Status DisableAccount(grpc::ServerContext* context,
                              const v1::DisableAccountRequest* request,
                              v1::Account* response) override;
  grpc::Status ExpirePassword(grpc::ServerContext* context,
                              const v1::ExpirePasswordRequest* request,
                              v1::Account* response) override;

 private:
  // A new session for `account` and the tokens that go with it.
  absl::StatusOr<v1::TokenResponse> OpenSession(const Account& account);
  v1::TokenResponse Tokens(const Account& account, const std::string& session_id,
                           const std::string& refresh_token) const;

  IdentityStore& store_;
  PasswordHasher& hasher_;
  const auth::TokenSigner signer_;
  const IdentitySettings settings_;
};

// An account as the API shows it (no password hash).
v1::Account AccountProto(const Account& account);

// The client address the gateway forwarded (x-forwarded-for), else the peer.
std::string ClientAddress(const grpc::ServerContext* context);

}  // namespace helpdesk::identity
