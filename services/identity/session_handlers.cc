// IdentityServiceImpl: sign-in, refresh, sign-out, password change and reset.
#include <grpcpp/server_context.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/auth/authorization.h"
#include "libs/ids/ids.h"
#include "libs/log/log.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/identity/identity_service.h"
#include "services/identity/validation.h"

namespace helpdesk::identity {
namespace {

common::v1::Person::Role ParseRole(const std::string& name) {
  common::v1::Person::Role role = common::v1::Person::ROLE_UNSPECIFIED;
  common::v1::Person::Role_Parse(name, &role);
  return role;
}

// RESOURCE_EXHAUSTED with Retry-After (seconds) for the gateway to pass on.
absl::Status TooManyAttempts(grpc::ServerContext* context, int64_t retry_after) {
  context->AddTrailingMetadata("retry-after", absl::StrCat(retry_after));
  return absl::ResourceExhaustedError("too many sign-in attempts: try again later");
}

// The e-mail a password reset for `account` goes to: a company's portal
// account's is the company's current notification e-mail (SPEC §2); a
// contact's and a staff account's their own (a contact without one: the
// company's).
std::string ResetRecipient(const Account& account) {
  if (account.IsCompanyAccount() && !account.company_email.empty()) return account.company_email;
  if (account.email.empty() && !account.company_id.empty()) return account.company_email;
  return account.email;
}

}  // namespace

std::string ClientAddress(const grpc::ServerContext* context) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find("x-forwarded-for");
  if (it != metadata.end() && it->second.size() > 0) {
    return std::string(it->second.data(), std::min<size_t>(it->second.size(), 64));
  }
  // "ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000" → the address part.
  std::string peer = context->peer();
  size_t colon = peer.find(':');
  size_t last = peer.rfind(':');
  if (colon == std::string::npos || last == colon) return peer;
  return peer.substr(colon + 1, last - colon - 1);
}

v1::TokenResponse IdentityServiceImpl::Tokens(const Account& account, const std::string& session_id,
                                              const std::string& refresh_token) const {
  auth::Claims claims;
  claims.set_account_id(account.id);
  claims.set_role(ParseRole(account.role));
  claims.set_company_id(account.company_id);
  claims.set_display_name(account.display_name);
  claims.set_username(account.username);
  claims.set_session_id(session_id);
  claims.set_password_expired(account.password_expired);
  absl::Time now = absl::Now();
  claims.set_issued_at(absl::ToUnixSeconds(now));
  claims.set_expires_at(absl::ToUnixSeconds(now + settings_.access_token_ttl));
  v1::TokenResponse response;
  response.set_access_token(signer_.Sign(claims));
  response.set_refresh_token(refresh_token);
  response.set_expires_in(static_cast<int32_t>(absl::ToInt64Seconds(settings_.access_token_ttl)));
  response.set_must_change_password(account.password_expired);
  return response;
}

absl::StatusOr<v1::TokenResponse> IdentityServiceImpl::OpenSession(const Account& account) {
  std::string session_id = ids::NewUuid();
  std::string refresh_token = ids::RandomToken(32);
  HELPDESK_RETURN_IF_ERROR(
      store_.CreateSession(account.id, session_id, refresh_token, settings_.refresh_token_ttl));
  return Tokens(account, session_id, refresh_token);
}

grpc::Status IdentityServiceImpl::Login(grpc::ServerContext* context,
                                        const v1::LoginRequest* request,
                                        v1::TokenResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->username().empty()) return absl::InvalidArgumentError("username: required");
    if (request->password().empty()) return absl::InvalidArgumentError("password: required");
    if (request->username().size() > 200 || request->password().size() > 1024) {
      return absl::InvalidArgumentError("username: too long");
    }
    const std::string address = ClientAddress(context);
    const std::string user_key = "user:" + absl::AsciiStrToLower(request->username());
    // Attempts are counted before the password is checked, and unknown
    // usernames like known ones: the answers never tell which accounts exist.
    HELPDESK_ASSIGN_OR_RETURN(std::optional<int64_t> user_lock,
                              store_.CountAttempt(user_key, settings_.account_throttle));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<int64_t> address_lock,
                              store_.CountAttempt("addr:" + address, settings_.address_throttle));
    if (user_lock || address_lock) {
      store_.Audit("login_locked", "", request->username(), address);
      return TooManyAttempts(context, std::max(user_lock.value_or(0), address_lock.value_or(0)));
    }
    const absl::Status refused = absl::UnauthenticatedError("invalid username or password");
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account,
                              store_.FindAccountByUsername(request->username()));
    if (!account.has_value()) {
      hasher_.VerifyDummy(request->password());
      store_.Audit("login_failed", "", request->username(), address, "unknown user");
      return refused;
    }
    if (!hasher_.Verify(account->password_hash, request->password()) || !account->active) {
      store_.Audit("login_failed", account->id, request->username(), address,
                   account->active ? "wrong password" : "disabled");
      return refused;
    }
    HELPDESK_RETURN_IF_ERROR(store_.ClearAttempts(user_key));
    HELPDESK_ASSIGN_OR_RETURN(*response, OpenSession(*account));
    store_.Audit("login", account->id, account->username, address);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::Refresh(grpc::ServerContext* context,
                                          const v1::RefreshRequest* request,
                                          v1::TokenResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->refresh_token().empty()) {
      return absl::InvalidArgumentError("refreshToken: required");
    }
    std::string next = ids::RandomToken(32);
    HELPDESK_ASSIGN_OR_RETURN(
        IdentityStore::Rotated rotated,
        store_.RotateSession(request->refresh_token(), next, settings_.refresh_token_ttl));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account,
                              store_.FindAccount(rotated.account_id));
    if (!account.has_value() || !account->active) {
      HELPDESK_RETURN_IF_ERROR(store_.RevokeSession(rotated.session_id));
      return absl::UnauthenticatedError("invalid or expired refresh token");
    }
    *response = Tokens(*account, rotated.session_id, next);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::Logout(grpc::ServerContext* context,
                                         const v1::LogoutRequest* request,
                                         v1::LogoutResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    // PUBLIC (identity.proto): an expired access token counts as none, and
    // the refresh token (the portal's hd_refresh cookie) names the session.
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (!caller.authenticated && request->refresh_token().empty()) {
      return absl::UnauthenticatedError("missing or expired access token");
    }
    const std::string address = ClientAddress(context);
    if (caller.authenticated) {
      HELPDESK_RETURN_IF_ERROR(store_.RevokeSession(caller.session_id));
      store_.Audit("logout", caller.account_id, caller.username, address);
    }
    if (!request->refresh_token().empty()) {
      HELPDESK_ASSIGN_OR_RETURN(std::optional<std::string> account_id,
                                store_.RevokeSessionByRefreshToken(request->refresh_token()));
      if (!account_id.has_value() && !caller.authenticated) {
        return absl::UnauthenticatedError("invalid or expired refresh token");
      }
      if (account_id.has_value() && !caller.authenticated) {
        store_.Audit("logout", *account_id, "", address, "by refresh token");
      }
    }
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::ChangePassword(grpc::ServerContext* context,
                                                 const v1::ChangePasswordRequest* request,
                                                 v1::TokenResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->current_password().empty()) {
      return absl::InvalidArgumentError("currentPassword: required");
    }
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account,
                              store_.FindAccount(caller.account_id));
    if (!account.has_value() || !account->active) {
      return absl::UnauthenticatedError("the account no longer exists");
    }
    HELPDESK_RETURN_IF_ERROR(
        ValidateNewPassword("newPassword", request->new_password(), account->username));
    if (!hasher_.Verify(account->password_hash, request->current_password())) {
      store_.Audit("password_change_failed", account->id, account->username,
                   ClientAddress(context));
      return absl::InvalidArgumentError("currentPassword: does not match");
    }
    if (request->new_password() == request->current_password()) {
      return absl::InvalidArgumentError("newPassword: must differ from the current password");
    }
    HELPDESK_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(request->new_password()));
    // Every session ends, this one too; the answer opens a fresh one.
    HELPDESK_RETURN_IF_ERROR(store_.ChangePassword(account->id, hash, ""));
    account->password_expired = false;
    HELPDESK_ASSIGN_OR_RETURN(*response, OpenSession(*account));
    store_.Audit("password_changed", account->id, account->username, ClientAddress(context));
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::ForgotPassword(grpc::ServerContext* context,
                                                 const v1::ForgotPasswordRequest* request,
                                                 v1::ForgotPasswordResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->username().empty()) return absl::InvalidArgumentError("username: required");
    if (request->username().size() > 200) return absl::InvalidArgumentError("username: too long");
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account,
                              store_.FindAccountByUsername(request->username()));
    std::string address = ClientAddress(context);
    // The same answer, in about the same time, whether or not the account
    // exists: both paths look the username up, draw a token, and run one
    // transaction of the same statements (CreateReset, or RecordDecoyReset:
    // a lock and an update that match nothing and a reset row that can never
    // be used), then write one audit row. What is left is the outbox row of
    // the real event, one small insert in the same commit; nothing is done
    // later in either case, and no sleeping evens out the rest.
    std::string token = ids::RandomToken(32);
    if (!account.has_value() || !account->active || ResetRecipient(*account).empty()) {
      HELPDESK_RETURN_IF_ERROR(store_.RecordDecoyReset(token, settings_.reset_token_ttl));
      store_.Audit("password_reset_ignored", "", request->username(), address);
      return absl::OkStatus();
    }
    events::v1::PasswordResetRequested event;
    event.set_account_id(account->id);
    event.set_email(ResetRecipient(*account));
    event.set_language(account->language);
    event.set_reset_url(absl::StrCat(settings_.public_url, "/#/reset-password?token=", token));
    *event.mutable_expires_at() = google::protobuf::Timestamp();
    event.mutable_expires_at()->set_seconds(
        absl::ToUnixSeconds(absl::Now() + settings_.reset_token_ttl));
    HELPDESK_RETURN_IF_ERROR(store_.CreateReset(*account, token, settings_.reset_token_ttl, event));
    store_.Audit("password_reset_requested", account->id, account->username, address);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::ResetPassword(grpc::ServerContext* context,
                                                const v1::ResetPasswordRequest* request,
                                                v1::ResetPasswordResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->token().empty()) return absl::InvalidArgumentError("token: required");
    HELPDESK_ASSIGN_OR_RETURN(std::string account_id, store_.PeekReset(request->token()));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account, store_.FindAccount(account_id));
    if (!account.has_value()) return absl::InvalidArgumentError("token: invalid or expired");
    HELPDESK_RETURN_IF_ERROR(
        ValidateNewPassword("newPassword", request->new_password(), account->username));
    HELPDESK_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(request->new_password()));
    HELPDESK_RETURN_IF_ERROR(store_.CompleteReset(request->token(), hash));
    store_.Audit("password_reset", account->id, account->username, ClientAddress(context));
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::identity
