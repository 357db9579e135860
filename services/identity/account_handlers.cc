// IdentityServiceImpl: the caller's own account, and companies.
#include "absl/strings/str_cat.h"
#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/identity/identity_service.h"
#include "services/identity/validation.h"

namespace helpdesk::identity {
namespace {

v1::Me MeOf(const Account& account) {
  v1::Me me;
  auto* person = me.mutable_account();
  person->set_id(account.id);
  person->set_display_name(account.display_name);
  common::v1::Person::Role role = common::v1::Person::ROLE_UNSPECIFIED;
  common::v1::Person::Role_Parse(account.role, &role);
  person->set_role(role);
  me.set_username(account.username);
  me.set_company_id(account.company_id);
  me.set_company_name(account.company_name);
  me.set_notification_email(account.company_id.empty() ? account.email : account.company_email);
  me.set_language(account.language);
  me.set_must_change_password(account.password_expired);
  me.set_notification_email_set(account.company_id.empty() || account.company_email_set);
  return me;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

absl::Status ValidateName(const std::string& name) {
  if (name.empty()) return absl::InvalidArgumentError("name: required");
  if (name.size() > 200) return absl::InvalidArgumentError("name: at most 200 characters");
  return absl::OkStatus();
}

absl::Status ValidateContract(const v1::Contract& contract) {
  if (contract.hourly_rate_cents() < 0) {
    return absl::InvalidArgumentError("contract.hourlyRateCents: must not be negative");
  }
  if (contract.urgent_call_fee_cents() < 0) {
    return absl::InvalidArgumentError("contract.urgentCallFeeCents: must not be negative");
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status IdentityServiceImpl::GetMe(grpc::ServerContext* context,
                                        const v1::GetMeRequest* request, v1::Me* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account,
                              store_.FindAccount(caller.account_id));
    if (!account.has_value() || !account->active) {
      return absl::UnauthenticatedError("the account no longer exists");
    }
    *response = MeOf(*account);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::SetNotificationEmail(
    grpc::ServerContext* context, const v1::SetNotificationEmailRequest* request,
    v1::Me* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (caller.company_id.empty()) {
      return absl::FailedPreconditionError("only a company's accounts have a notification e-mail");
    }
    std::string email = Trim(request->email());
    HELPDESK_RETURN_IF_ERROR(ValidateEmail("email", email));
    HELPDESK_RETURN_IF_ERROR(store_.SetNotificationEmail(caller.company_id, email));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<Account> account,
                              store_.FindAccount(caller.account_id));
    if (!account.has_value()) return absl::UnauthenticatedError("the account no longer exists");
    *response = MeOf(*account);
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::CreateCompany(grpc::ServerContext* context,
                                                const v1::CreateCompanyRequest* request,
                                                v1::Company* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    NewCompany company;
    company.name = Trim(request->name());
    HELPDESK_RETURN_IF_ERROR(ValidateName(company.name));
    company.vat_number = Trim(request->vat_number());
    HELPDESK_RETURN_IF_ERROR(ValidateVatNumber("vatNumber", company.vat_number));
    company.notification_email = Trim(request->notification_email());
    if (!company.notification_email.empty()) {
      HELPDESK_RETURN_IF_ERROR(ValidateEmail("notificationEmail", company.notification_email));
    }
    if (!request->language().empty()) {
      if (request->language() != "it" && request->language() != "en") {
        return absl::InvalidArgumentError("language: must be \"it\" or \"en\"");
      }
      company.language = request->language();
    }
    if (request->has_contract()) {
      HELPDESK_RETURN_IF_ERROR(ValidateContract(request->contract()));
      company.hourly_rate_cents = request->contract().hourly_rate_cents();
      company.urgent_call_fee_cents = request->contract().urgent_call_fee_cents();
      if (!request->contract().calendar().empty())
        company.calendar = request->contract().calendar();
    }
    HELPDESK_ASSIGN_OR_RETURN(bool exists, store_.CompanyExists(company.vat_number));
    if (exists) return absl::AlreadyExistsError("vatNumber: a company with this VAT number exists");
    // The first password is the VAT number itself, already expired.
    HELPDESK_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(company.vat_number));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.CreateCompany(company, hash));
    store_.Audit("company_created", caller.account_id, caller.username, ClientAddress(context),
                 response->id());
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::ListCompanies(grpc::ServerContext* context,
                                                const v1::ListCompaniesRequest* request,
                                                v1::ListCompaniesResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    int page_size = request->page_size() == 0 ? 50 : request->page_size();
    if (page_size < 1 || page_size > 200) {
      return absl::InvalidArgumentError("pageSize: must be between 1 and 200");
    }
    HELPDESK_ASSIGN_OR_RETURN(
        *response, store_.ListCompanies(Trim(request->q()), page_size, request->page_token()));
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::GetCompany(grpc::ServerContext* context,
                                             const v1::GetCompanyRequest* request,
                                             v1::Company* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.GetCompany(request->id()));
    return absl::OkStatus();
  }());
}

grpc::Status IdentityServiceImpl::UpdateCompany(grpc::ServerContext* context,
                                                const v1::UpdateCompanyRequest* request,
                                                v1::Company* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    CompanyChanges changes;
    if (request->has_name()) {
      changes.name = Trim(request->name());
      HELPDESK_RETURN_IF_ERROR(ValidateName(*changes.name));
    }
    if (request->has_notification_email()) {
      changes.notification_email = Trim(request->notification_email());
      HELPDESK_RETURN_IF_ERROR(ValidateEmail("notificationEmail", *changes.notification_email));
    }
    if (request->has_active()) changes.active = request->active();
    if (request->has_contract()) {
      HELPDESK_RETURN_IF_ERROR(ValidateContract(request->contract()));
      changes.hourly_rate_cents = request->contract().hourly_rate_cents();
      changes.urgent_call_fee_cents = request->contract().urgent_call_fee_cents();
      if (!request->contract().calendar().empty())
        changes.calendar = request->contract().calendar();
    }
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.UpdateCompany(request->id(), changes));
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::identity
