// IdentityServiceImpl: accounts as administrators manage them (helpdeskctl):
// staff accounts and companies' named contacts, listing, disabling, and
// expiring a password; and GetAccount for other services.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/identity/identity_service.h"
#include "services/identity/validation.h"

namespace helpdesk::identity {
namespace {

using common::v1::Person;

std::string Trim(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// Which accounts CreateAccount makes: staff, or a company's contact.
absl::Status ValidateRoleAndCompany(const v1::CreateAccountRequest& request) {
  switch (request.role()) {
    case Person::CONSULTANT:
    case Person::ADMINISTRATOR:
      if (!request.company_id().empty()) {
        return absl::InvalidArgumentError("companyId: only a CUSTOMER contact has a company");
      }
      return absl::OkStatus();
    case Person::CUSTOMER:
      if (request.company_id().empty()) {
        return absl::InvalidArgumentError("companyId: required for a CUSTOMER contact");
      }
      return absl::OkStatus();
    default:
      return absl::InvalidArgumentError(
          "role: required, one of CUSTOMER, CONSULTANT, ADMINISTRATOR");
  }
}

}  // namespace

v1::Account AccountProto(const Account& account) {
  v1::Account proto;
  proto.set_id(account.id);
  proto.set_username(account.username);
  proto.set_display_name(account.display_name);
  Person::Role role = Person::ROLE_UNSPECIFIED;
  Person::Role_Parse(account.role, &role);
  proto.set_role(role);
  proto.set_email(account.email);
  proto.set_language(account.language);
  proto.set_company_id(account.company_id);
  proto.set_active(account.active);
  proto.set_must_change_password(account.password_expired);
  return proto;
}

grpc::Status IdentityServiceImpl::CreateAccount(grpc::ServerContext* context,
                                                const v1::CreateAccountRequest* request,
                                                v1::Account* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    NewAccount account;
    account.username = Trim(request->username());
    HELPDESK_RETURN_IF_ERROR(ValidateUsername("username", account.username));
    account.display_name = Trim(request->display_name());
    if (account.display_name.empty()) return absl::InvalidArgumentError("displayName: required");
    if (account.display_name.size() > 200) {
      return absl::InvalidArgumentError("displayName: at most 200 characters");
    }
    HELPDESK_RETURN_IF_ERROR(ValidateRoleAndCompany(*request));
    account.role = Person::Role_Name(request->role());
    account.company_id = request->company_id();
    account.email = Trim(request->email());
    HELPDESK_RETURN_IF_ERROR(ValidateEmail("email", account.email));
    if (!request->language().empty()) {
      if (request->language() != "it" && request->language() != "en") {
        return absl::InvalidArgumentError("language: must be \"it\" or \"en\"");
      }
      account.language = request->language();
    }
    HELPDESK_RETURN_IF_ERROR(
        ValidateNewPassword("password", request->password(), account.username));
    // The administrator chose this password, so it is a first password like
    // a company's: expired, changed by its owner at the first sign-in.
    account.password_expired = true;
    HELPDESK_ASSIGN_OR_RETURN(account.password_hash, hasher_.Hash(request->password()));
    HELPDESK_ASSIGN_OR_RETURN(Account created, store_.CreateAccount(account));
    store_.Audit("account_created", caller.account_id, caller.username, ClientAddress(context),
                 absl::StrCat(created.id, " ", created.role, " ", created.username));
    *response = AccountProto(created);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::ListAccounts(grpc::ServerContext* context,
                                               const v1::ListAccountsRequest* request,
                                               v1::ListAccountsResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    int page_size = request->page_size() == 0 ? 50 : request->page_size();
    if (page_size < 1 || page_size > 200) {
      return absl::InvalidArgumentError("pageSize: must be between 1 and 200");
    }
    std::string role;
    if (request->role() != Person::ROLE_UNSPECIFIED) role = Person::Role_Name(request->role());
    HELPDESK_ASSIGN_OR_RETURN(
        AccountPage page,
        store_.ListAccounts(request->company_id(), role, page_size, request->page_token()));
    for (const Account& account : page.accounts) *response->add_accounts() = AccountProto(account);
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::GetAccount(grpc::ServerContext* context,
                                             const v1::GetAccountRequest* request,
                                             v1::Account* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account, store_.FindAccount(request->id()));
    if (!account.has_value()) return absl::NotFoundError("account not found");
    *response = AccountProto(*account);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::DisableAccount(grpc::ServerContext* context,
                                                 const v1::DisableAccountRequest* request,
                                                 v1::Account* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->id() == caller.account_id) {
      return absl::FailedPreconditionError("id: an administrator cannot disable their own account");
    }
    // Its sessions end now; access tokens already issued run out within
    // their 15 minutes, and sign-in fails as for a wrong password.
    HELPDESK_ASSIGN_OR_RETURN(Account disabled, store_.DisableAccount(request->id()));
    store_.Audit("account_disabled", caller.account_id, caller.username, ClientAddress(context),
                 disabled.id);
    *response = AccountProto(disabled);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::ExpirePassword(grpc::ServerContext* context,
                                                 const v1::ExpirePasswordRequest* request,
                                                 v1::Account* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(Account expired, store_.ExpirePassword(request->id()));
    store_.Audit("password_expired", caller.account_id, caller.username, ClientAddress(context),
                 expired.id);
    *response = AccountProto(expired);
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::identity
