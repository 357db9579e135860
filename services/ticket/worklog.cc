#include "services/ticket/worklog.h"

#include <google/protobuf/util/time_util.h>

#include <map>
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/billing/csv.h"
#include "libs/db/transaction.h"
#include "libs/ids/ids.h"
#include "libs/status/status_macros.h"
#include "services/ticket/format.h"
#include "services/ticket/rows.h"
#include "services/ticket/sql.h"

namespace helpdesk::ticket {
namespace {

using google::protobuf::util::TimeUtil;

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_full, t, absl::UTCTimeZone());
}

google::protobuf::Timestamp ToProto(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

v1::WorkLogEntry WorkLogFromRow(const pqxx::row& r) {
  v1::WorkLogEntry e;
  e.set_id(r[0].as<std::string>());
  e.set_ticket_id(r[1].as<std::string>());
  v1::WorkLogEntry::ServiceType type = v1::WorkLogEntry::SERVICE_TYPE_UNSPECIFIED;
  v1::WorkLogEntry::ServiceType_Parse(r[2].as<std::string>(), &type);
  e.set_service_type(type);
  SetTime(r[3], e.mutable_start());
  SetTime(r[4], e.mutable_end());
  e.set_on_site(r[5].as<bool>());
  e.set_description(r[6].as<std::string>());
  *e.mutable_consultant() = PersonOf(r[7], r[8], r[9]);
  return e;
}

billing::Entry ToBillingEntry(const v1::WorkLogEntry& e) {
  return {static_cast<billing::ServiceType>(e.service_type()),
          absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(e.start())),
          absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(e.end())), e.on_site()};
}

// "SAD 2025-06-17T16:00:00Z/2025-06-17T17:00:00Z on-site": an entry in its
// ticket's history.
std::string Summary(billing::ServiceType type, absl::Time start, absl::Time end, bool on_site) {
  return absl::StrCat(billing::ServiceTypeName(type), " ",
                      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", start, absl::UTCTimeZone()), "/",
                      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", end, absl::UTCTimeZone()),
                      on_site ? " on-site" : "");
}

std::string Summary(const NewWorkLogEntry& e) {
  return Summary(e.service_type, e.start, e.end, e.on_site);
}

std::string Summary(const v1::WorkLogEntry& e) {
  billing::Entry b = ToBillingEntry(e);
  return Summary(b.service_type, b.start, b.end, b.on_site);
}

// Holds the company's row against a closing (kLockCompanyForWorkLog) and
// checks that the billing month of `start` is open: FAILED_PRECONDITION
// "<field>: <what>2025-06 is closed for billing" otherwise.
absl::Status CheckMonthOpen(pqxx::work& tx, const std::string& company_id, absl::Time start,
                            const calendar::Calendar& calendar, absl::string_view field,
                            absl::string_view what) {
  tx.exec_params(sql::kLockCompanyForWorkLog, company_id);
  const std::string month = BillingMonthOf(start, calendar.time_zone());
  if (!tx.exec_params(sql::kBillingMonthClosed, company_id, month).empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": ", what, month, " is closed for billing"));
  }
  return absl::OkStatus();
}

absl::Status CheckAuthor(const v1::WorkLogEntry& entry, const common::v1::Person& author) {
  if (entry.consultant().id() != author.id()) {
    return absl::PermissionDeniedError(
        "entryId: only the consultant who logged the entry may change or delete it");
  }
  return absl::OkStatus();
}

struct TicketLines {
  std::string id;
  std::string number;
  std::vector<v1::WorkLogEntry> entries;
  bool urgent_fee = false;
};

// Locks a ticket and one of its work-log entries, for a change by `author`:
// NOT_FOUND for either missing, PERMISSION_DENIED for another's entry.
struct LockedEntry {
  std::string company_id;
  v1::WorkLogEntry entry;
};
absl::StatusOr<LockedEntry> LockAuthorsEntry(pqxx::work& tx, const std::string& ticket_id,
                                             const std::string& entry_id,
                                             const common::v1::Person& author) {
  if (!ids::IsUuid(ticket_id)) return absl::NotFoundError("ticket not found");
  if (!ids::IsUuid(entry_id)) return absl::NotFoundError("work-log entry not found");
  pqxx::result ticket = tx.exec_params(sql::kLockTicket, ticket_id);
  if (ticket.empty()) return absl::NotFoundError("ticket not found");
  pqxx::result rows = tx.exec_params(sql::kLockWorkLogEntry, entry_id, ticket_id);
  if (rows.empty()) return absl::NotFoundError("work-log entry not found");
  LockedEntry locked{TicketFromRow(ticket[0]).company_id(), WorkLogFromRow(rows[0])};
  HELPDESK_RETURN_IF_ERROR(CheckAuthor(locked.entry, author));
  return locked;
}

}  // namespace

v1::PricedEntry ToPricedEntry(const v1::WorkLogEntry& entry, const billing::PricedEntry& priced) {
  v1::PricedEntry out;
  *out.mutable_entry() = entry;
  out.set_included_minutes(static_cast<int32_t>(priced.included_minutes));
  out.set_billable_minutes(static_cast<int32_t>(priced.billable_minutes));
  out.set_normal_minutes(static_cast<int32_t>(priced.split.normal));
  out.set_out_of_hours_minutes(static_cast<int32_t>(priced.split.out_of_hours));
  out.set_weekend_holiday_minutes(static_cast<int32_t>(priced.split.weekend_holiday));
  out.set_amount_cents(priced.amount_cents);
  return out;
}

absl::StatusOr<v1::WorkLogEntry> WorkLogStore::Add(const NewWorkLogEntry& in) {
  if (!ids::IsUuid(in.ticket_id)) return absl::NotFoundError("ticket not found");
  v1::WorkLogEntry entry;
  entry.set_id(ids::NewUuid());
  HELPDESK_RETURN_IF_ERROR(db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result ticket = tx.exec_params(sql::kLockTicket, in.ticket_id);
    if (ticket.empty()) return absl::NotFoundError("ticket not found");
    // One consultant's entries never overlap: serialise that consultant's
    // writes, then look.
    tx.exec_params(sql::kLockConsultantWorkLog, in.consultant.id());
    HELPDESK_RETURN_IF_ERROR(CheckMonthOpen(tx, TicketFromRow(ticket[0]).company_id(), in.start,
                                            calendar_, "start", ""));
    if (!tx.exec_params(sql::kWorkLogOverlap, in.consultant.id(), Rfc3339(in.start),
                        Rfc3339(in.end))
             .empty()) {
      return absl::FailedPreconditionError("start: overlaps another entry of yours");
    }
    tx.exec_params(sql::kInsertWorkLog, entry.id(), in.ticket_id, in.consultant.id(),
                   in.consultant.display_name(), RoleName(in.consultant.role()),
                   std::string(billing::ServiceTypeName(in.service_type)), Rfc3339(in.start),
                   Rfc3339(in.end), in.on_site, in.description);
    tx.exec_params(sql::kInsertHistory, in.ticket_id, in.consultant.id(),
                   in.consultant.display_name(), RoleName(in.consultant.role()), "worklog", "",
                   Summary(in), true);
    return absl::OkStatus();
  }));
  entry.set_ticket_id(in.ticket_id);
  entry.set_service_type(static_cast<v1::WorkLogEntry::ServiceType>(in.service_type));
  *entry.mutable_start() = ToProto(in.start);
  *entry.mutable_end() = ToProto(in.end);
  entry.set_on_site(in.on_site);
  entry.set_description(in.description);
  *entry.mutable_consultant() = in.consultant;
  return entry;
}

absl::StatusOr<v1::WorkLogEntry> WorkLogStore::Update(const std::string& ticket_id,
                                                      const std::string& entry_id,
                                                      const common::v1::Person& author,
                                                      const ApplyUpdate& apply) {
  v1::WorkLogEntry updated;
  HELPDESK_RETURN_IF_ERROR(db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    // The locks in Add's order: ticket, consultant, company.
    HELPDESK_ASSIGN_OR_RETURN(LockedEntry locked,
                              LockAuthorsEntry(tx, ticket_id, entry_id, author));
    const v1::WorkLogEntry& current = locked.entry;
    const std::string& company_id = locked.company_id;
    HELPDESK_ASSIGN_OR_RETURN(NewWorkLogEntry next, apply(current));
    tx.exec_params(sql::kLockConsultantWorkLog, author.id());
    HELPDESK_RETURN_IF_ERROR(CheckMonthOpen(tx, company_id, ToBillingEntry(current).start,
                                            calendar_, "entryId", "the entry's month "));
    HELPDESK_RETURN_IF_ERROR(CheckMonthOpen(tx, company_id, next.start, calendar_, "start", ""));
    if (!tx.exec_params(sql::kWorkLogOverlapOther, author.id(), Rfc3339(next.start),
                        Rfc3339(next.end), entry_id)
             .empty()) {
      return absl::FailedPreconditionError("start: overlaps another entry of yours");
    }
    tx.exec_params(sql::kUpdateWorkLog, entry_id,
                   std::string(billing::ServiceTypeName(next.service_type)), Rfc3339(next.start),
                   Rfc3339(next.end), next.on_site, next.description);
    if (Summary(current) != Summary(next) || current.description() != next.description) {
      tx.exec_params(sql::kInsertHistory, ticket_id, author.id(), author.display_name(),
                     RoleName(author.role()), "worklog", Summary(current), Summary(next), true);
    }
    updated = current;
    updated.set_service_type(static_cast<v1::WorkLogEntry::ServiceType>(next.service_type));
    *updated.mutable_start() = ToProto(next.start);
    *updated.mutable_end() = ToProto(next.end);
    updated.set_on_site(next.on_site);
    updated.set_description(next.description);
    return absl::OkStatus();
  }));
  return updated;
}

absl::Status WorkLogStore::Delete(const std::string& ticket_id, const std::string& entry_id,
                                  const common::v1::Person& author) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(LockedEntry locked,
                              LockAuthorsEntry(tx, ticket_id, entry_id, author));
    const v1::WorkLogEntry& current = locked.entry;
    HELPDESK_RETURN_IF_ERROR(CheckMonthOpen(tx, locked.company_id, ToBillingEntry(current).start,
                                            calendar_, "entryId", "the entry's month "));
    tx.exec_params(sql::kDeleteWorkLog, entry_id);
    tx.exec_params(sql::kInsertHistory, ticket_id, author.id(), author.display_name(),
                   RoleName(author.role()), "worklog", Summary(current), "", true);
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::BillingReport> WorkLogStore::CloseMonth(const std::string& company_id,
                                                           const std::string& month,
                                                           const common::v1::Person& closer) {
  if (company_id.empty()) return absl::InvalidArgumentError("companyId: required");
  HELPDESK_RETURN_IF_ERROR(BillingMonthRange(month, calendar_.time_zone()).status());
  HELPDESK_RETURN_IF_ERROR(db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    // Waits for the work-log writes of the company in flight; later ones
    // see the closed month.
    if (tx.exec_params(sql::kLockCompanyForClosing, company_id).empty()) {
      return absl::NotFoundError("company not found");
    }
    tx.exec_params(sql::kCloseBillingMonth, company_id, month, closer.id(), closer.display_name(),
                   RoleName(closer.role()));
    return absl::OkStatus();
  }));
  // A closed month no longer changes: the report read now is the month's.
  return Report(company_id, month);
}

absl::StatusOr<v1::ListWorkLogResponse> WorkLogStore::List(const std::string& ticket_id) {
  if (!ids::IsUuid(ticket_id)) return absl::NotFoundError("ticket not found");
  return db::ReadOnce<v1::ListWorkLogResponse>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::ListWorkLogResponse> {
        if (tx.exec_params(sql::kSelectTicket, ticket_id).empty()) {
          return absl::NotFoundError("ticket not found");
        }
        v1::ListWorkLogResponse response;
        for (const auto& row : tx.exec_params(sql::kListWorkLog, ticket_id)) {
          *response.add_entries() = WorkLogFromRow(row);
        }
        return response;
      });
}

absl::StatusOr<v1::BillingReport> WorkLogStore::Report(const std::string& company_id,
                                                       const std::string& month) {
  if (company_id.empty()) return absl::InvalidArgumentError("companyId: required");
  HELPDESK_ASSIGN_OR_RETURN(auto range, BillingMonthRange(month, calendar_.time_zone()));
  billing::PricingOptions options;
  std::map<int64_t, TicketLines> tickets;  // by number
  v1::BillingReport report;
  HELPDESK_RETURN_IF_ERROR(db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result contract = tx.exec_params(sql::kCompanyContract, company_id);
    if (contract.empty()) return absl::NotFoundError("company not found");
    options.hourly_rate_cents = contract[0][0].as<int64_t>();
    options.urgent_call_fee_cents = contract[0][1].as<int64_t>();
    pqxx::result closure = tx.exec_params(sql::kBillingMonthClosure, company_id, month);
    if (!closure.empty()) {
      report.set_closed(true);
      SetTime(closure[0][0], report.mutable_closed_at());
      *report.mutable_closed_by() = PersonOf(closure[0][1], closure[0][2], closure[0][3]);
    }
    std::string from = Rfc3339(range.first), to = Rfc3339(range.second);
    std::map<std::string, std::vector<v1::WorkLogEntry>> by_ticket;
    for (const auto& row : tx.exec_params(sql::kBillingEntries, company_id, from, to)) {
      v1::WorkLogEntry entry = WorkLogFromRow(row);
      by_ticket[entry.ticket_id()].push_back(std::move(entry));
    }
    for (auto& [id, entries] : by_ticket) {
      int64_t number = tx.exec_params1(sql::kTicketNumber, id)[0].as<int64_t>();
      TicketLines& lines = tickets[number];
      lines.id = id;
      lines.number = FormatNumber(number);
      lines.entries = std::move(entries);
    }
    for (const auto& row : tx.exec_params(sql::kUrgentTickets, company_id, from, to)) {
      TicketLines& lines = tickets[row[1].as<int64_t>()];
      lines.id = row[0].as<std::string>();
      lines.number = FormatNumber(row[1].as<int64_t>());
      lines.urgent_fee = true;
    }
    return absl::OkStatus();
  }));

  report.set_company_id(company_id);
  report.set_month(month);
  int64_t total = 0;
  for (auto& [number, lines] : tickets) {
    std::vector<billing::Entry> entries;
    for (const auto& e : lines.entries) entries.push_back(ToBillingEntry(e));
    billing::PricingOptions ticket_options = options;
    ticket_options.urgent_on_site = lines.urgent_fee;
    HELPDESK_ASSIGN_OR_RETURN(billing::TicketBill bill,
                              billing::PriceTicket(entries, ticket_options, calendar_));
    v1::BillingTicket* ticket = report.add_tickets();
    ticket->set_ticket_id(lines.id);
    ticket->set_number(lines.number);
    for (size_t i = 0; i < lines.entries.size(); ++i) {
      *ticket->add_entries() = ToPricedEntry(lines.entries[i], bill.entries[i]);
    }
    ticket->set_urgent_call_fee_cents(bill.urgent_call_fee_cents);
    ticket->set_total_cents(bill.total_cents);
    total += bill.total_cents;
  }
  report.set_total_cents(total);
  return report;
}

absl::StatusOr<std::string> WorkLogStore::ReportCsv(const std::string& company_id,
                                                    const std::string& month) {
  HELPDESK_ASSIGN_OR_RETURN(v1::BillingReport report, Report(company_id, month));
  std::vector<billing::ReportTicket> tickets;
  for (const auto& t : report.tickets()) {
    billing::ReportTicket ticket;
    ticket.number = t.number();
    ticket.urgent_call_fee_cents = t.urgent_call_fee_cents();
    for (const auto& p : t.entries()) {
      billing::PricedEntry priced;
      priced.included_minutes = p.included_minutes();
      priced.billable_minutes = p.billable_minutes();
      priced.split = {p.normal_minutes(), p.out_of_hours_minutes(), p.weekend_holiday_minutes()};
      priced.amount_cents = p.amount_cents();
      billing::Entry entry = ToBillingEntry(p.entry());
      priced.billed_end = entry.start + absl::Minutes(p.billable_minutes());
      ticket.entries.push_back(
          {entry, p.entry().consultant().display_name(), p.entry().description(), priced});
    }
    tickets.push_back(std::move(ticket));
  }
  return billing::BillingReportCsv(tickets, calendar_.time_zone());
}

absl::StatusOr<v1::QuoteBillingResponse> Quote(const v1::QuoteBillingRequest& request,
                                               const calendar::Calendar& calendar) {
  billing::PricingOptions options;
  options.hourly_rate_cents = request.hourly_rate_cents();
  std::vector<billing::Entry> entries;
  std::vector<v1::WorkLogEntry> echoed;
  for (const auto& q : request.entries()) {
    v1::WorkLogEntry e;
    e.set_service_type(q.service_type());
    *e.mutable_start() = q.start();
    *e.mutable_end() = q.end();
    e.set_on_site(q.on_site());
    entries.push_back(ToBillingEntry(e));
    echoed.push_back(std::move(e));
  }
  HELPDESK_ASSIGN_OR_RETURN(billing::TicketBill bill,
                            billing::PriceTicket(entries, options, calendar));
  v1::QuoteBillingResponse response;
  for (size_t i = 0; i < echoed.size(); ++i) {
    *response.add_entries() = ToPricedEntry(echoed[i], bill.entries[i]);
  }
  response.set_total_cents(bill.total_cents);
  return response;
}

}  // namespace helpdesk::ticket
