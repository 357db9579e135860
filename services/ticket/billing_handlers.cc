// TicketServiceImpl: the work log and billing (SPEC §5).
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/ticket/ticket_service.h"

namespace helpdesk::ticket {

grpc::Status TicketServiceImpl::AddWorkLogEntry(grpc::ServerContext* context,
                                                const v1::AddWorkLogEntryRequest* request,
                                                v1::WorkLogEntry* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_RETURN_IF_ERROR(store_.Get(request->id()).status());
    HELPDESK_ASSIGN_OR_RETURN(NewWorkLogEntry entry,
                              ValidateWorkLog(caller.AsPerson(), *request, absl::Now()));
    HELPDESK_ASSIGN_OR_RETURN(*response, worklog_.Add(entry));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::UpdateWorkLogEntry(grpc::ServerContext* context,
                                                   const v1::UpdateWorkLogEntryRequest* request,
                                                   v1::WorkLogEntry* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    const common::v1::Person author = caller.AsPerson();
    const absl::Time now = absl::Now();
    HELPDESK_ASSIGN_OR_RETURN(
        *response, worklog_.Update(request->ticket_id(), request->entry_id(), author,
                                   [&](const v1::WorkLogEntry& current) {
                                     return ValidateWorkLog(
                                         author, MergeWorkLogUpdate(current, *request), now);
                                   }));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::DeleteWorkLogEntry(grpc::ServerContext* context,
                                                   const v1::DeleteWorkLogEntryRequest* request,
                                                   v1::DeleteWorkLogEntryResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    return worklog_.Delete(request->ticket_id(), request->entry_id(), caller.AsPerson());
  }());
}

grpc::Status TicketServiceImpl::ListWorkLog(grpc::ServerContext* context,
                                            const v1::ListWorkLogRequest* request,
                                            v1::ListWorkLogResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, worklog_.List(request->id()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::GetBillingReport(grpc::ServerContext* context,
                                                 const v1::GetBillingReportRequest* request,
                                                 v1::BillingReport* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(*response, worklog_.Report(request->company_id(), request->month()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::ExportBillingReport(grpc::ServerContext* context,
                                                    const v1::GetBillingReportRequest* request,
                                                    common::v1::HttpBody* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_ASSIGN_OR_RETURN(std::string csv,
                              worklog_.ReportCsv(request->company_id(), request->month()));
    response->set_content_type("text/csv; charset=utf-8");
    response->set_data(std::move(csv));
    context->AddInitialMetadata(
        "content-disposition",
        absl::StrCat("attachment; filename=\"billing-", request->month(), ".csv\""));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::CloseBillingMonth(grpc::ServerContext* context,
                                                  const v1::CloseBillingMonthRequest* request,
                                                  v1::BillingReport* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->company_id().empty()) return absl::InvalidArgumentError("companyId: required");
    HELPDESK_RETURN_IF_ERROR(
        CheckMonthHasEnded(request->month(), calendar_.time_zone(), absl::Now()));
    HELPDESK_ASSIGN_OR_RETURN(
        *response, worklog_.CloseMonth(request->company_id(), request->month(), caller.AsPerson()));
    return absl::OkStatus();
  }());
}

grpc::Status TicketServiceImpl::QuoteBilling(grpc::ServerContext* context,
                                             const v1::QuoteBillingRequest* request,
                                             v1::QuoteBillingResponse* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    if (request->entries_size() == 0) return absl::InvalidArgumentError("entries: required");
    HELPDESK_ASSIGN_OR_RETURN(*response, Quote(*request, calendar_));
    return absl::OkStatus();
  }());
}

}  // namespace helpdesk::ticket
