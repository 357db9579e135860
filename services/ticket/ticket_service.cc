#include "services/ticket/ticket_service.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/authorization.h"
#include "libs/ids/ids.h"
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
  ticket.priority = request.priority() == v1::Ticket::PRIORITY_UNSPECIFIED ? v1::Ticket::MEDIUM
                                                                           : request.priority();
  ticket.scope = request.scope();
  if (ticket.scope.empty()) return absl::InvalidArgumentError("scope: required");
  ticket.topic = request.topic();
  ticket.urgent_on_site = request.urgent_on_site();
  HELPDESK_RETURN_IF_ERROR(
      CheckAttachmentCounts(request.image_ids_size(), !request.file_id().empty()));
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

// Whether the service's copy of the company settles the creation without
// asking identity: staff need a known, active company; a customer needs the
// notification e-mail seen set (the flag never goes back, so a true is final).
absl::StatusOr<bool> LocalCompanyAllows(const auth::Caller& caller,
                                        const std::optional<TicketStore::Company>& local) {
  if (!local.has_value()) return false;
  if (caller.IsStaff()) {
    if (!local->active) return absl::FailedPreconditionError("companyId: the company is disabled");
    return true;
  }
  return local->notification_email_set;
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
      local = TicketStore::Company{company->name(), company->active(), false,
                                   company->contract().calendar()};
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
  HELPDESK_RETURN_IF_ERROR(
      store_.SaveCompany(ticket.company_id, TicketStore::Company{me.company_name(), true, true}));
  return absl::OkStatus();
}

grpc::Status TicketServiceImpl::CreateTicket(grpc::ServerContext* context,
                                             const v1::CreateTicketRequest* request,
                                             v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(NewTicket ticket, ValidateCreate(caller, *request));
    std::string key;
    auto it = context->client_metadata().find("idempotency-key");
    if (it != context->client_metadata().end()) {
      key.assign(it->second.data(), it->second.size());
      if (key.size() > 200)
        return absl::InvalidArgumentError("Idempotency-Key: at most 200 characters");
    }
    if (request->image_ids_size() > 0 || !request->file_id().empty()) {
      // The company is confirmed before the uploads are linked to a ticket
      // that could then be refused.
      HELPDESK_RETURN_IF_ERROR(CheckCompany(context, caller, ticket));
      // With an Idempotency-Key the ids derive from it: a retry links to the
      // same message again (a no-op), then finds the first ticket.
      ticket.id = key.empty() ? ids::NewUuid() : KeyedUuid(caller.account_id, key, "ticket");
      ticket.first_message_id =
          key.empty() ? ids::NewUuid() : KeyedUuid(caller.account_id, key, "message");
      attachment::v1::LinkAttachmentsRequest link;
      link.set_ticket_id(ticket.id);
      link.set_message_id(ticket.first_message_id);
      link.set_company_id(ticket.company_id);
      *link.mutable_image_ids() = request->image_ids();
      link.set_file_id(request->file_id());
      HELPDESK_ASSIGN_OR_RETURN(ticket.attachments_json, LinkAttachments(context, link));
    }
    // The common case costs no read before the transaction: the local copy
    // of the company is checked inside it. Only when that copy is missing or
    // not conclusive is its owner asked, and the creation tried again.
    auto gate = [&](const std::optional<TicketStore::Company>& local) {
      return LocalCompanyAllows(caller, local);
    };
    HELPDESK_ASSIGN_OR_RETURN(std::optional<v1::Ticket> created, store_.Create(ticket, key, gate));
    if (!created.has_value()) {
      HELPDESK_RETURN_IF_ERROR(CheckCompany(context, caller, ticket));
      HELPDESK_ASSIGN_OR_RETURN(created, store_.Create(ticket, key, gate));
      if (!created.has_value()) {
        return absl::UnavailableError("companyId: the company could not be confirmed; try again");
      }
    }
    *response = *std::move(created);
    return absl::OkStatus();
  }());
}

absl::StatusOr<v1::Ticket> TicketServiceImpl::VisibleTicket(const auth::Caller& caller,
                                                            const std::string& id) {
  HELPDESK_ASSIGN_OR_RETURN(v1::Ticket ticket, store_.Get(id));
  HELPDESK_RETURN_IF_ERROR(CheckTenant(caller, ticket));
  return ticket;
}

grpc::Status TicketServiceImpl::GetTicket(grpc::ServerContext* context,
                                          const v1::GetTicketRequest* request,
                                          v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, VisibleTicket(caller, request->id()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::ListScopes(grpc::ServerContext* context,
                                           const v1::ListScopesRequest* request,
                                           v1::ListScopesResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response,
                              store_.ListScopes(request->include_retired() && caller.IsStaff()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::ListTickets(grpc::ServerContext* context,
                                            const v1::ListTicketsRequest* request,
                                            v1::ListTicketsResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    ListFilter filter;
    filter.staff = caller.IsStaff();
    // A customer's list is its company's, whatever the request says.
    filter.company_id = filter.staff ? request->company_id() : caller.company_id;
    if (filter.staff) {
      filter.assignee_id = request->assignee_id();
      filter.unassigned = request->unassigned();
      if (request->order_by() == "slaDue") {
        filter.by_sla_due = true;
      } else if (!request->order_by().empty() && request->order_by() != "createdAt") {
        return absl::InvalidArgumentError("orderBy: must be createdAt or slaDue");
      }
    }
    if (request->status() != v1::Ticket::STATUS_UNSPECIFIED) {
      filter.status = v1::Ticket::Status_Name(request->status());
    }
    if (filter.by_sla_due && !filter.status.empty() && filter.status != "OPEN") {
      return absl::InvalidArgumentError(
          "status: orderBy=slaDue lists the OPEN tickets (waiting to be taken in charge)");
    }
    if (request->priority() != v1::Ticket::PRIORITY_UNSPECIFIED) {
      filter.priority = v1::Ticket::Priority_Name(request->priority());
    }
    filter.scope = request->scope();
    filter.q = TrimText(request->q());
    if (filter.q.size() > 200) return absl::InvalidArgumentError("q: at most 200 characters");
    filter.page_size = request->page_size() == 0 ? 50 : request->page_size();
    if (filter.page_size < 1 || filter.page_size > 200) {
      return absl::InvalidArgumentError("pageSize: must be between 1 and 200");
    }
    filter.page_token = request->page_token();
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.List(filter));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::ListMessages(grpc::ServerContext* context,
                                             const v1::ListMessagesRequest* request,
                                             v1::ListMessagesResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket ticket, VisibleTicket(caller, request->id()));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.ListMessages(ticket.id(), caller.IsStaff()));
    return absl::OkStatus();
  }());
}

// One message of a ticket the caller may see; a customer never gets an
// internal note (NOT_FOUND, as for a missing id). A ticket's messages are
// few: they are read as ListMessages reads them.
grpc::Status TicketServiceImpl::GetMessage(grpc::ServerContext* context,
                                           const v1::GetMessageRequest* request,
                                           v1::Message* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket ticket, VisibleTicket(caller, request->ticket_id()));
    HELPDESK_ASSIGN_OR_RETURN(v1::ListMessagesResponse messages,
                              store_.ListMessages(ticket.id(), caller.IsStaff()));
    for (const v1::Message& message : messages.messages()) {
      if (message.id() == request->message_id()) {
        *response = message;
        return absl::OkStatus();
      }
    }
    return absl::NotFoundError("message not found");
  }());
}

grpc::Status TicketServiceImpl::AddMessage(grpc::ServerContext* context,
                                           const v1::AddMessageRequest* request,
                                           v1::Message* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->internal() && !caller.IsStaff()) {
      return absl::PermissionDeniedError("internal: only staff write internal notes");
    }
    std::string scope = caller.IsStaff() ? "" : caller.company_id;
    // Tenant before input: another company's ticket is not found, whatever
    // the message says.
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket ticket, VisibleTicket(caller, request->id()));
    if (TrimText(request->note()).empty()) return absl::InvalidArgumentError("note: required");
    if (request->note().size() > kMaxNoteBytes) {
      return absl::InvalidArgumentError("note: at most 64 KiB of text");
    }
    std::string message_id = ids::NewUuid();
    std::string attachments_json;
    if (request->image_ids_size() > 0 || !request->file_id().empty()) {
      HELPDESK_RETURN_IF_ERROR(
          CheckAttachmentCounts(request->image_ids_size(), !request->file_id().empty()));
      attachment::v1::LinkAttachmentsRequest link;
      link.set_ticket_id(ticket.id());
      link.set_message_id(message_id);
      link.set_company_id(ticket.company_id());
      link.set_internal(request->internal());
      *link.mutable_image_ids() = request->image_ids();
      link.set_file_id(request->file_id());
      HELPDESK_ASSIGN_OR_RETURN(attachments_json, LinkAttachments(context, link));
    }
    HELPDESK_ASSIGN_OR_RETURN(
        *response, store_.AddMessage(request->id(), caller.AsPerson(), scope, request->note(),
                                     request->internal(), message_id, attachments_json));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::GetHistory(grpc::ServerContext* context,
                                           const v1::GetHistoryRequest* request,
                                           v1::GetHistoryResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket ticket, VisibleTicket(caller, request->id()));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.History(ticket.id(), caller.IsStaff()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::CloseTicket(grpc::ServerContext* context,
                                            const v1::CloseTicketRequest* request,
                                            v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.Close(request->id(), caller.AsPerson(),
                                                      caller.IsStaff() ? "" : caller.company_id));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::TakeTicket(grpc::ServerContext* context,
                                           const v1::TakeTicketRequest* request,
                                           v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.Take(request->id(), caller.AsPerson()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::AssignTicket(grpc::ServerContext* context,
                                             const v1::AssignTicketRequest* request,
                                             v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_RETURN_IF_ERROR(store_.Get(request->id()).status());
    if (request->assignee_id().empty()) return absl::InvalidArgumentError("assigneeId: required");
    absl::StatusOr<identity::v1::Account> account =
        identity_.GetAccount(context, request->assignee_id());
    if (account.status().code() == absl::StatusCode::kNotFound) {
      return absl::InvalidArgumentError("assigneeId: unknown account");
    }
    if (!account.ok()) return account.status();
    if (account->role() == common::v1::Person::CUSTOMER || !account->active()) {
      return absl::InvalidArgumentError("assigneeId: not an active consultant");
    }
    common::v1::Person assignee;
    assignee.set_id(account->id());
    assignee.set_display_name(account->display_name());
    assignee.set_role(account->role());
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.Assign(request->id(), caller.AsPerson(), assignee));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::ReopenTicket(grpc::ServerContext* context,
                                             const v1::ReopenTicketRequest* request,
                                             v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, store_.Reopen(request->id(), caller.AsPerson()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::UpdateTicket(grpc::ServerContext* context,
                                             const v1::UpdateTicketRequest* request,
                                             v1::Ticket* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_RETURN_IF_ERROR(store_.Get(request->id()).status());
    if (request->priority() == v1::Ticket::PRIORITY_UNSPECIFIED ||
        !v1::Ticket::Priority_IsValid(request->priority())) {
      return absl::InvalidArgumentError("priority: must be HIGH, MEDIUM or LOW");
    }
    HELPDESK_ASSIGN_OR_RETURN(
        *response, store_.SetPriority(request->id(), caller.AsPerson(), request->priority()));
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::ticket
