// The TicketService gRPC handlers: authorize (from the verified caller),
// validate, and call the store. Storage and the identity client arrive
// injected, so tests can run the handlers in an in-process server.
#pragma once

#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "libs/auth/authorization.h"
#include "services/ticket/attachment_client.h"
#include "services/ticket/identity_client.h"
#include "services/ticket/store.h"
#include "services/ticket/worklog.h"

namespace helpdesk::ticket {

class TicketServiceImpl final : public v1::TicketService::Service {
 public:
  // Without `attachments`, requests naming imageIds or fileId are refused
  // with UNAVAILABLE.
  TicketServiceImpl(TicketStore& store, WorkLogStore& worklog, IdentityClient& identity,
                    const calendar::Calendar& calendar, AttachmentClient* attachments = nullptr)
      : store_(store),
        worklog_(worklog),
        identity_(identity),
        calendar_(calendar),
        attachments_(attachments) {}

  grpc::Status ListScopes(grpc::ServerContext* context, const v1::ListScopesRequest* request,
                          v1::ListScopesResponse* response) override;
  // catalog_handlers.cc
  grpc::Status CreateScope(grpc::ServerContext* context, const v1::CreateScopeRequest* request,
                           v1::Scope* response) override;
  grpc::Status UpdateScope(grpc::ServerContext* context, const v1::UpdateScopeRequest* request,
                           v1::Scope* response) override;
  grpc::Status CreateTopic(grpc::ServerContext* context, const v1::CreateTopicRequest* request,
                           v1::Topic* response) override;
  grpc::Status UpdateTopic(grpc::ServerContext* context, const v1::UpdateTopicRequest* request,
                           v1::Topic* response) override;

  grpc::Status CreateTicket(grpc::ServerContext* context, const v1::CreateTicketRequest* request,
                            v1::Ticket* response) override;
  grpc::Status ListTickets(grpc::ServerContext* context, const v1::ListTicketsRequest* request,
                           v1::ListTicketsResponse* response) override;
  grpc::Status GetTicket(grpc::ServerContext* context, const v1::GetTicketRequest* request,
                         v1::Ticket* response) override;
  grpc::Status ListMessages(grpc::ServerContext* context, const v1::ListMessagesRequest* request,
                            v1::ListMessagesResponse* response) override;
  grpc::Status GetMessage(grpc::ServerContext* context, const v1::GetMessageRequest* request,
                          v1::Message* response) override;
  grpc::Status AddMessage(grpc::ServerContext* context, const v1::AddMessageRequest* request,
                          v1::Message* response) override;
  grpc::Status GetHistory(grpc::ServerContext* context, const v1::GetHistoryRequest* request,
                          v1::GetHistoryResponse* response) override;
  grpc::Status CloseTicket(grpc::ServerContext* context, const v1::CloseTicketRequest* request,
                           v1::Ticket* response) override;
  grpc::Status TakeTicket(grpc::ServerContext* context, const v1::TakeTicketRequest* request,
                          v1::Ticket* response) override;
  grpc::Status AssignTicket(grpc::ServerContext* context, const v1::AssignTicketRequest* request,
                            v1::Ticket* response) override;
  grpc::Status ReopenTicket(grpc::ServerContext* context, const v1::ReopenTicketRequest* request,
                            v1::Ticket* response) override;
  grpc::Status UpdateTicket(grpc::ServerContext* context, const v1::UpdateTicketRequest* request,
                            v1::Ticket* response) override;

  // billing_handlers.cc
  grpc::Status AddWorkLogEntry(grpc::ServerContext* context,
                               const v1::AddWorkLogEntryRequest* request,
                               v1::WorkLogEntry* response) override;
  grpc::Status ListWorkLog(grpc::ServerContext* context, const v1::ListWorkLogRequest* request,
                           v1::ListWorkLogResponse* response) override;
  grpc::Status UpdateWorkLogEntry(grpc::ServerContext* context,
                                  const v1::UpdateWorkLogEntryRequest* request,
                                  v1::WorkLogEntry* response) override;
  grpc::Status DeleteWorkLogEntry(grpc::ServerContext* context,
                                  const v1::DeleteWorkLogEntryRequest* request,
                                  v1::DeleteWorkLogEntryResponse* response) override;
  grpc::Status CloseBillingMonth(grpc::ServerContext* context,
                                 const v1::CloseBillingMonthRequest* request,
                                 v1::BillingReport* response) override;
  grpc::Status GetBillingReport(grpc::ServerContext* context,
                                const v1::GetBillingReportRequest* request,
                                v1::BillingReport* response) override;
  grpc::Status ExportBillingReport(grpc::ServerContext* context,
                                   const v1::GetBillingReportRequest* request,
                                   common::v1::HttpBody* response) override;
  grpc::Status QuoteBilling(grpc::ServerContext* context, const v1::QuoteBillingRequest* request,
                            v1::QuoteBillingResponse* response) override;

 private:
  // OK when the ticket's company may receive a new ticket now: it exists,
  // is active, and (for a customer) has set its notification e-mail.
  absl::Status CheckCompany(grpc::ServerContext* context, const auth::Caller& caller,
                            NewTicket& ticket);
  // The ticket, if the caller may see it (NOT_FOUND otherwise).
  absl::StatusOr<v1::Ticket> VisibleTicket(const auth::Caller& caller, const std::string& id);
  // Links the request's uploads to the new message (attachment_linking.cc);
  // the result in JSON, to store with the message ("" when there are none).
  absl::StatusOr<std::string> LinkAttachments(
      grpc::ServerContext* context, const attachment::v1::LinkAttachmentsRequest& request);

  TicketStore& store_;
  WorkLogStore& worklog_;
  IdentityClient& identity_;
  AttachmentClient* const attachments_;
  const calendar::Calendar& calendar_;
};

}  // namespace helpdesk::ticket
