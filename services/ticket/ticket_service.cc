#include "services/ticket/ticket_service.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/authorization.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/ticket/format.h"

namespace helpdesk::ticket {
namespace {

absl::StatusOr<NewTicket> ValidateCreate(const auth::Caller& caller,
                                         const v1::CreateTicketRequest& request) {
  NewTicket ticket;
  ticket.subject = TrimText(request.subject());
  if (ticket.subject.empty()) return absl::InvalidArgumentError("subject: required");
  if (CountChars(ticket.subject) > kMaxSubjectChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("subject: at most ", kMaxSubjectChars, " characters"));
  }
  if (TrimText(request.note()).empty()) return absl::InvalidArgumentError("note: required");
  if (request.note().size() > kMaxNoteBytes) {
    return absl::InvalidArgumentError("note: at most 64 KiB of text");
  }
  ticket.note = request.note();
  if (!v1::Ticket::Priority_IsValid(request.priority())) {
    return absl::InvalidArgumentError("priority: must be HIGH, MEDIUM or LOW");
  }
  ticket.priority = request.priority() == v1::Ticket::PRIORITY_UNSPECIFIED
                        ? v1::Ticket::MEDIUM
                        : request.priority();
  ticket.scope = request.scope();
  if (ticket.scope.empty()) return absl::InvalidArgumentError("scope: required");
  ticket.topic = request.topic();
  ticket.urgent_on_site = request.urgent_on_site();
  if (request.image_ids_size() > 0 || !request.file_id().empty()) {
    return absl::UnimplementedError("imageIds, fileId: attachments are not available yet");
  }
  ticket.published_by = caller.AsPerson();
  if (caller.IsStaff()) {
    if (request.company_id().empty()) {
      return absl::InvalidArgumentError(
          "companyId: required when opening a ticket on a customer's behalf");
    }
    ticket.company_id = request.company_id();
    v1::Ticket::Channel channel = request.channel();
    if (channel == v1::Ticket::CHANNEL_UNSPECIFIED || channel == v1::Ticket::PORTAL ||
        !v1::Ticket::Channel_IsValid(channel)) {
      return absl::InvalidArgumentError(
          "channel: required on a customer's behalf: PHONE, EMAIL, MOBILE, SMS or OTHER");
    }
    ticket.channel = channel;
  } else {
    // A customer's company and channel come from who they are, never from
    // the request.
    ticket.company_id = caller.company_id;
    ticket.channel = v1::Ticket::PORTAL;
  }
  return ticket;
}

// Customers see their own company's tickets only; another company's ticket
// is NOT_FOUND, exactly like a missing one.
absl::Status CheckTenant(const auth::Caller& caller, const v1::Ticket& ticket) {
  if (!caller.IsStaff() && ticket.company_id() != caller.company_id) {
    return absl::NotFoundError("ticket not found");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status TicketServiceImpl::CheckCompany(grpc::ServerContext* context,
                                             const auth::Caller& caller, NewTicket& ticket) {
  HELPDESK_ASSIGN_OR_RETURN(std::optional<TicketStore::Company> local,
                            store_.FindCompany(ticket.company_id));
  if (caller.IsStaff()) {
    if (!local.has_value()) {
      // Created a moment ago, its event not applied yet: ask its owner.
      absl::StatusOr<identity::v1::Company> company =
          identity_.GetCompany(context, ticket.company_id);
      if (company.status().code() == absl::StatusCode::kNotFound) {
        return absl::InvalidArgumentError("companyId: unknown company");
      }
      if (!company.ok()) return company.status();
      local = TicketStore::Company{company->name(), company->active(), false};
      HELPDESK_RETURN_IF_ERROR(store_.SaveCompany(ticket.company_id, *local));
    }
    if (!local->active) return absl::FailedPreconditionError("companyId: the company is disabled");
    return absl::OkStatus();
  }
  // The manual's rule, checked on the current state: the customer sets its
  // notification e-mail before its first ticket. The local copy may lag a
  // change made a moment ago, so a "not set" is confirmed with the owner.
  if (local.has_value() && local->notification_email_set) return absl::OkStatus();
  HELPDESK_ASSIGN_OR_RETURN(identity::v1::Me me, identity_.GetMe(context));
  if (!me.notification_email_set()) {
    return absl::FailedPreconditionError(
        "notification e-mail not set: set your notification e-mail before creating a ticket");
  }
  HELPDESK_RETURN_IF_ERROR(store_.SaveCompany(
      ticket.company_id, TicketStore::Company{me.company_name(), true, true}));
  return absl::OkStatus();
}

grpc::Status TicketServiceImpl::CreateTicket(grpc::ServerContext* context,
                                             const v1::CreateTicketRequest* request,
                                             v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(NewTicket ticket, ValidateCreate(caller, *request));
    HELPDESK_RETURN_IF_ERROR(CheckCompany(context, caller, ticket));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.Create(ticket));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::GetTicket(grpc::ServerContext* context,
                                          const v1::GetTicketRequest* request,
                                          v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket ticket, store_.Get(request->id()));
    HELPDESK_RETURN_IF_ERROR(CheckTenant(caller, ticket));
    *response = std::move(ticket);
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::ticket
