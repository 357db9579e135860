// The table output of each answer (--output table): aligned columns with
// English headers, ticket numbers as the server writes them ("#000221"),
// amounts in euros with two decimals, instants in the local time zone.
// Pure functions of the answer, so they are tested without servers.
#pragma once

#include <map>
#include <string>

#include "absl/time/time.h"

namespace helpdesk {
namespace identity::v1 {
class Account;
class Company;
class ListAccountsResponse;
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
class Scope;
class Ticket;
class Topic;
class WorkLogEntry;
}  // namespace ticket::v1
namespace sla::v1 {
class SlaReport;
}
namespace notification::v1 {
class ListDeliveriesResponse;
}

namespace helpdeskctl {

// Identity.
std::string CompaniesTable(const identity::v1::ListCompaniesResponse& response);
std::string CompanyDetails(const identity::v1::Company& company, const absl::TimeZone& zone);
std::string MeDetails(const identity::v1::Me& me);

// Accounts, catalog entries and the SLA report (admin_views.cc).
std::string AccountsTable(const identity::v1::ListAccountsResponse& response);
std::string AccountDetails(const identity::v1::Account& account);
std::string ScopeDetails(const ticket::v1::Scope& scope);
std::string TopicDetails(const ticket::v1::Topic& topic);
// Per company: taken on time and late, the share on time, open past due,
// median and 90th percentile of the take-in-charge time in hours; the
// company's name from `company_names` (id → name) when known.
std::string SlaReportTable(const sla::v1::SlaReport& report,
                           const std::map<std::string, std::string>& company_names);

// Tickets (ticket_views.cc).
std::string TicketsTable(const ticket::v1::ListTicketsResponse& response,
                         const absl::TimeZone& zone);
// Open tickets in the server's order with the business time left to take
// each in charge (the server's slaRemainingMinutes, "late 1h15m" past the
// due) and the SLA state (OK, WARNING, BREACHED).
std::string QueueTable(const ticket::v1::ListTicketsResponse& response, const absl::TimeZone& zone);
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
