// TicketServiceImpl: administrators add, rename, retire and restore scopes
// and topics (the role is the proto's access rule, enforced by the shared
// interceptor). Inputs are checked here (catalog_rules.h), the rest by the
// store.
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/ticket/catalog_rules.h"
#include "services/ticket/ticket_service.h"

namespace helpdesk::ticket {
namespace {

// A PATCH's optional name: absent leaves it, present must be a valid name.
absl::StatusOr<std::optional<std::string>> OptionalName(bool has, const std::string& name) {
  if (!has) return std::optional<std::string>();
  HELPDESK_ASSIGN_OR_RETURN(std::string valid, ValidateCatalogName(name));
  return std::optional<std::string>(std::move(valid));
}

}  // namespace

grpc::Status TicketServiceImpl::CreateScope(grpc::ServerContext* context,
                                            const v1::CreateScopeRequest* request,
                                            v1::Scope* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_RETURN_IF_ERROR(ValidateScopeCode(request->code()));
    HELPDESK_ASSIGN_OR_RETURN(std::string name, ValidateCatalogName(request->name()));
    HELPDESK_ASSIGN_OR_RETURN(*response,
                              store_.CreateScope(request->code(), name, caller.AsPerson()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::UpdateScope(grpc::ServerContext* context,
                                            const v1::UpdateScopeRequest* request,
                                            v1::Scope* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<std::string> name,
                              OptionalName(request->has_name(), request->name()));
    std::optional<bool> active;
    if (request->has_active()) active = request->active();
    HELPDESK_ASSIGN_OR_RETURN(*response,
                              store_.UpdateScope(request->code(), name, active, caller.AsPerson()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::CreateTopic(grpc::ServerContext* context,
                                            const v1::CreateTopicRequest* request,
                                            v1::Topic* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->scope().empty()) return absl::InvalidArgumentError("scope: required");
    HELPDESK_RETURN_IF_ERROR(ValidateTopicCode(request->code(), request->scope()));
    HELPDESK_ASSIGN_OR_RETURN(std::string name, ValidateCatalogName(request->name()));
    HELPDESK_ASSIGN_OR_RETURN(
        *response, store_.CreateTopic(request->scope(), request->code(), name, caller.AsPerson()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::UpdateTopic(grpc::ServerContext* context,
                                            const v1::UpdateTopicRequest* request,
                                            v1::Topic* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(std::optional<std::string> name,
                              OptionalName(request->has_name(), request->name()));
    std::optional<bool> active;
    if (request->has_active()) active = request->active();
    HELPDESK_ASSIGN_OR_RETURN(*response,
                              store_.UpdateTopic(request->code(), name, active, caller.AsPerson()));
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::ticket
