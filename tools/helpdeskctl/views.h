// The table output of each answer (--output table): aligned columns with
// English headers, ticket numbers as the server writes them ("#000221"),
// amounts in euros with two decimals, instants in the local time zone.
// Pure functions of the answer, so they are tested without servers.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace helpdesk {
namespace identity::v1 {
class Company;
class ListCompaniesResponse;
class Me;
}  // namespace identity::v1
namespace ticket::v1 {
class BillingReport;
class GetHistoryResponse;
class ListMessagesResponse;
class ListScopesResponse;
class ListTicketsResponse;
class ListWorkLogResponse;
class Message;
class QuoteBillingResponse;
class Ticket;
class WorkLogEntry;
}  // namespace ticket::v1
namespace notification::v1 {
class ListDeliveriesResponse;
}
namespace calendar {
class Calendar;
}

namespace helpdeskctl {

// Identity.
std::string CompaniesTable(const identity::v1::ListCompaniesResponse& response);
std::string CompanyDetails(const identity::v1::Company& company, const absl::TimeZone& zone);
std::string MeDetails(const identity::v1::Me& me);

// Tickets (ticket_views.cc).
std::string TicketsTable(const ticket::v1::ListTicketsResponse& response,
                         const absl::TimeZone& zone);
// Open tickets with the business time left to take each in charge by its
// SLA due instant ("late 1h15m" past it), by `calendar` from `now`.
std::string QueueTable(const ticket::v1::ListTicketsResponse& response, absl::Time now,
                       const calendar::Calendar& calendar, const absl::TimeZone& zone);
// 2h30m → "2h30m", -45m → "late 0h45m".
std::string BusinessTimeLeft(absl::Duration left);
std::string TicketDetails(const ticket::v1::Ticket& ticket, const absl::TimeZone& zone);
// The conversation, oldest first, internal notes marked.
std::string ThreadText(const ticket::v1::ListMessagesResponse& response,
                       const absl::TimeZone& zone);
std::string MessageText(const ticket::v1::Message& message, const absl::TimeZone& zone);
std::string HistoryTable(const ticket::v1::GetHistoryResponse& response,
                         const absl::TimeZone& zone);
std::string CatalogTable(const ticket::v1::ListScopesResponse& response);

// Work log and billing (billing_views.cc).
std::string WorkLogTable(const ticket::v1::ListWorkLogResponse& response,
                         const absl::TimeZone& zone);
std::string WorkLogEntryDetails(const ticket::v1::WorkLogEntry& entry, const absl::TimeZone& zone);
std::string BillingReportTable(const ticket::v1::BillingReport& report, const absl::TimeZone& zone);
std::string QuoteTable(const ticket::v1::QuoteBillingResponse& response,
                       const absl::TimeZone& zone);

// Notifications.
std::string DeliveriesTable(const notification::v1::ListDeliveriesResponse& response,
                            const absl::TimeZone& zone);

}  // namespace helpdeskctl
}  // namespace helpdesk
