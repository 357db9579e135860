// TicketServiceImpl: the work log and billing (SPEC §5).
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/server/grpc_status.h"
#include "libs/status/status_macros.h"
#include "services/ticket/ticket_service.h"

namespace helpdesk::ticket {
namespace {

using google::protobuf::util::TimeUtil;

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(t));
}

bool WholeMinute(const google::protobuf::Timestamp& t) {
  return t.nanos() == 0 && t.seconds() % 60 == 0;
}

absl::StatusOr<NewWorkLogEntry> ValidateWorkLog(const auth::Caller& caller,
                                                const v1::AddWorkLogEntryRequest& r) {
  NewWorkLogEntry entry;
  entry.ticket_id = r.id();
  entry.consultant = caller.AsPerson();
  if (r.service_type() == v1::WorkLogEntry::SERVICE_TYPE_UNSPECIFIED ||
      !v1::WorkLogEntry::ServiceType_IsValid(r.service_type())) {
    return absl::InvalidArgumentError("serviceType: required: SAT, STA or SAD");
  }
  entry.service_type = static_cast<billing::ServiceType>(r.service_type());
  if (!r.has_start()) return absl::InvalidArgumentError("start: required");
  if (!WholeMinute(r.start())) return absl::InvalidArgumentError("start: must be a whole minute");
  entry.start = ToTime(r.start());
  if (r.has_end() == (r.duration_minutes() != 0)) {
    return absl::InvalidArgumentError("end: give either end or durationMinutes");
  }
  if (r.has_end()) {
    if (!WholeMinute(r.end())) return absl::InvalidArgumentError("end: must be a whole minute");
    entry.end = ToTime(r.end());
  } else {
    if (r.duration_minutes() < 0 || r.duration_minutes() > 24 * 60) {
      return absl::InvalidArgumentError("durationMinutes: between 1 and 1440");
    }
    entry.end = entry.start + absl::Minutes(r.duration_minutes());
  }
  if (entry.end <= entry.start) return absl::InvalidArgumentError("end: must be after start");
  if (entry.end - entry.start > absl::Hours(24)) {
    return absl::InvalidArgumentError("end: an entry lasts at most 24 hours");
  }
  if (entry.end > absl::Now() + absl::Minutes(1)) {
    return absl::InvalidArgumentError("end: must not be in the future");
  }
  if (r.on_site() && r.service_type() != v1::WorkLogEntry::SAD) {
    return absl::InvalidArgumentError("onSite: only S.A.D. (SAD) work is on site");
  }
  entry.on_site = r.on_site();
  if (r.description().size() > 4000) {
    return absl::InvalidArgumentError("description: at most 4000 characters");
  }
  entry.description = r.description();
  return entry;
}

}  // namespace

grpc::Status TicketServiceImpl::AddWorkLogEntry(grpc::ServerContext* context,
                                                const v1::AddWorkLogEntryRequest* request,
                                                v1::WorkLogEntry* response) {
  return server::ToGrpc([&]() -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(auth::Caller caller, auth::CallerOf(context));
    HELPDESK_RETURN_IF_ERROR(store_.Get(request->id()).status());
    HELPDESK_ASSIGN_OR_RETURN(NewWorkLogEntry entry, ValidateWorkLog(caller, *request));
    HELPDESK_ASSIGN_OR_RETURN(*response, worklog_.Add(entry));
    return absl::OkStatus();
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
