#include "services/ticket/store.h"

#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/ids/ids.h"
#include "libs/sla_policy/calendar_definition.h"
#include "libs/status/status_macros.h"
#include "services/ticket/format.h"
#include "services/ticket/rows.h"
#include "services/ticket/sla_state.h"
#include "services/ticket/sql.h"

namespace helpdesk::ticket {
namespace {

using common::v1::Person;
using google::protobuf::util::TimeUtil;

// Page tokens are opaque to clients: base64url of "v1:<µs>:<id>" of the last
// ticket of the page.
std::string PageToken(const v1::Ticket& last) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("v1:", TimeUtil::TimestampToMicroseconds(last.created_at()), ":", last.id()));
}

absl::Status ParsePageToken(const std::string& token, int64_t* micros, std::string* id) {
  const absl::Status invalid = absl::InvalidArgumentError("pageToken: not a token of this list");
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return invalid;
  std::vector<std::string> parts = absl::StrSplit(raw, ':');
  if (parts.size() != 3 || parts[0] != "v1" || !absl::SimpleAtoi(parts[1], micros) ||
      !ids::IsUuid(parts[2])) {
    return invalid;
  }
  *id = parts[2];
  return absl::OkStatus();
}

// The take-in-charge queue's tokens: base64url of "s1:<due>:<id>", the due
// as a timestamptz literal in UTC ("infinity" for a due that never comes).
std::string SlaDuePageToken(const v1::Ticket& last) {
  std::string due = "infinity";
  if (last.has_sla_due_at()) {
    due =
        absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00",
                         absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(last.sla_due_at())),
                         absl::UTCTimeZone());
  }
  return absl::WebSafeBase64Escape(absl::StrCat("s1:", due, ":", last.id()));
}

absl::Status ParseSlaDuePageToken(const std::string& token, std::string* due, std::string* id) {
  const absl::Status invalid = absl::InvalidArgumentError("pageToken: not a token of this list");
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return invalid;
  // The due contains ':' itself: the id is after the last one.
  size_t last = raw.rfind(':');
  if (raw.rfind("s1:", 0) != 0 || last == std::string::npos || last < 3) return invalid;
  *due = raw.substr(3, last - 3);
  *id = raw.substr(last + 1);
  absl::Time parsed;
  std::string error;
  // Only what SlaDuePageToken writes: it goes into the SQL as a literal.
  if (!ids::IsUuid(*id) ||
      (*due != "infinity" && !absl::ParseTime("%Y-%m-%d %H:%M:%E*S+00", *due, &parsed, &error))) {
    return invalid;
  }
  return absl::OkStatus();
}

// µs since the epoch, or NULL for an instant that never comes.
std::optional<int64_t> Micros(absl::Time t) {
  if (t == absl::InfiniteFuture()) return std::nullopt;
  return absl::ToUnixMicros(t);
}

}  // namespace

std::vector<db::Statement> PreparedStatements() {
  return {{sql::kListCompanyNewestName, sql::kListCompanyNewest},
          {sql::kListCompanyAfterName, sql::kListCompanyAfter}};
}

sla_policy::TicketDue TicketStore::DueOf(const MirroredCalendar& calendar, absl::Time created_at,
                                         v1::Ticket::Priority priority, bool urgent_on_site) {
  return sla_policy::ComputeTicketDue(calendar.calendar, calendar.policy, created_at,
                                      PolicyPriority(priority), urgent_on_site);
}

void TicketStore::FillSla(v1::Ticket& ticket, const std::string& calendar) const {
  std::shared_ptr<const MirroredCalendar> mirrored = calendars_.Find(calendar);
  FillSlaState(ticket, mirrored->calendar, mirrored->policy, now_());
}

absl::StatusOr<std::optional<v1::Ticket>> TicketStore::Create(const NewTicket& in,
                                                              const std::string& idempotency_key,
                                                              const CompanyGate& gate) {
  const std::string id = in.id.empty() ? ids::NewUuid() : in.id;
  std::optional<v1::Ticket> created;
  std::string existing_id;
  bool unconfirmed = false;
  // Three round trips in all (the facts, the writes, the commit): the
  // creation rate is bounded by them, not by the work (docs/performance.md).
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    created.reset();
    existing_id.clear();
    unconfirmed = false;
    if (!idempotency_key.empty()) {
      // Concurrent retries wait on the key's unique index; the losers find
      // the winner's ticket.
      pqxx::result claimed =
          tx.exec_params(sql::kClaimIdempotencyKey, in.published_by.id(), idempotency_key, id);
      if (claimed.affected_rows() == 0) {
        existing_id =
            tx.exec_params1(sql::kFindIdempotencyKey, in.published_by.id(), idempotency_key)[0]
                .as<std::string>();
        return absl::OkStatus();
      }
    }
    pqxx::row facts = tx.exec_params1(sql::kCreationFacts, in.company_id, in.scope, in.topic,
                                      in.published_by.role() == Person::CONSULTANT ||
                                          in.published_by.role() == Person::ADMINISTRATOR);
    std::optional<Company> company;
    if (!facts[2].is_null()) {
      company = Company{facts[2].as<std::string>(), facts[3].as<bool>(), facts[4].as<bool>(),
                        facts[5].as<std::string>()};
    }
    HELPDESK_ASSIGN_OR_RETURN(bool go, gate(company));
    if (!go) {
      unconfirmed = true;
      return absl::CancelledError("the company is to be confirmed first");  // rolls back
    }
    if (facts[6].is_null()) {
      return absl::InvalidArgumentError(absl::StrCat("scope: unknown scope \"", in.scope, "\""));
    }
    bool scope_has_topics = facts[7].as<bool>();
    if (in.topic.empty()) {
      if (scope_has_topics) return absl::InvalidArgumentError("topic: required for this scope");
    } else if (facts[8].is_null() || !facts[9].as<bool>()) {
      return absl::InvalidArgumentError(absl::StrCat("topic: unknown topic \"", in.topic, "\""));
    } else if (facts[8].as<std::string>() != in.scope) {
      return absl::InvalidArgumentError(
          absl::StrCat("topic: \"", in.topic, "\" does not belong to scope \"", in.scope, "\""));
    }

    const int progressive = facts[0].as<int>();
    if (facts[1].is_null()) return absl::InternalError("the ticket got no number");
    const int64_t number = facts[1].as<int64_t>();
    const Person& by = in.published_by;
    const std::string priority = v1::Ticket::Priority_Name(in.priority);
    const std::string channel = v1::Ticket::Channel_Name(in.channel);
    // Microsecond precision, as PostgreSQL keeps it.
    const absl::Time now = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()));
    // The company's calendar, as the sla service will count on it (the
    // event names it); "default" when the mirror does not know it yet.
    std::shared_ptr<const MirroredCalendar> calendar = calendars_.Find(company->calendar);
    sla_policy::TicketDue due = DueOf(*calendar, now, in.priority, in.urgent_on_site);
    const std::optional<int64_t> sla_due = Micros(due.sla_due_at);
    std::optional<int64_t> on_site;
    if (due.on_site_due_at) on_site = Micros(*due.on_site_due_at);
    const std::string message_id =
        in.first_message_id.empty() ? ids::NewUuid() : in.first_message_id;

    // The ticket as GetTicket will read it, without reading it back.
    v1::Ticket ticket;
    ticket.set_id(id);
    ticket.set_number(FormatNumber(number));
    ticket.set_progressive(progressive);
    ticket.set_subject(in.subject);
    ticket.set_company_id(in.company_id);
    ticket.set_company_name(company->name);
    ticket.set_priority(in.priority);
    ticket.set_scope(in.scope);
    ticket.set_scope_name(facts[6].as<std::string>());
    ticket.set_topic(in.topic);
    if (!in.topic.empty()) ticket.set_topic_name(facts[10].as<std::string>());
    ticket.set_status(v1::Ticket::OPEN);
    ticket.set_channel(in.channel);
    ticket.set_urgent_on_site(in.urgent_on_site);
    *ticket.mutable_published_by() = by;
    *ticket.mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(now));
    if (sla_due) *ticket.mutable_sla_due_at() = TimeUtil::MicrosecondsToTimestamp(*sla_due);
    if (on_site) *ticket.mutable_on_site_due_at() = TimeUtil::MicrosecondsToTimestamp(*on_site);

    events::v1::TicketCreated event;
    *event.mutable_meta()->mutable_actor() = by;
    event.set_ticket_id(id);
    event.set_company_id(in.company_id);
    event.set_number(number);
    event.set_progressive(progressive);
    event.set_subject(in.subject);
    event.set_priority(priority);
    event.set_scope(in.scope);
    event.set_topic(in.topic);
    event.set_urgent_on_site(in.urgent_on_site);
    event.set_channel(channel);
    event.set_calendar(calendar->name);
    *event.mutable_created_at() = ticket.created_at();
    *event.mutable_meta()->mutable_occurred_at() = event.created_at();
    HELPDESK_ASSIGN_OR_RETURN(events::OutboxRow row, events::Prepare(event));

    tx.exec_params(sql::kInsertCreated, id, number, in.company_id, progressive, in.subject,
                   priority, in.scope, in.topic, channel, in.urgent_on_site, by.id(),
                   by.display_name(), RoleName(by.role()), absl::ToUnixMicros(now), sla_due,
                   on_site, calendar->name, message_id, in.attachments_json, in.note, row.event_id,
                   row.subject, row.Payload());
    FillSla(ticket, calendar->name);
    created = std::move(ticket);
    return absl::OkStatus();
  });
  if (unconfirmed) return std::optional<v1::Ticket>();
  if (!status.ok()) return status;
  if (!existing_id.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket existing, Get(existing_id));
    return std::optional<v1::Ticket>(std::move(existing));
  }
  return created;
}

absl::StatusOr<v1::Ticket> TicketStore::Get(const std::string& id) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("ticket not found");
  return db::ReadOnce<v1::Ticket>(pool_,
                                  [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::Ticket> {
                                    pqxx::result rows = tx.exec_params(sql::kSelectTicket, id);
                                    if (rows.empty())
                                      return absl::NotFoundError("ticket not found");
                                    v1::Ticket ticket = TicketFromRow(rows[0]);
                                    FillSla(ticket, rows[0]["sla_calendar"].as<std::string>());
                                    return ticket;
                                  });
}

absl::StatusOr<v1::ListScopesResponse> TicketStore::ListScopes(bool include_retired) {
  return db::ReadOnce<v1::ListScopesResponse>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::ListScopesResponse> {
        v1::ListScopesResponse response;
        for (const auto& r : tx.exec_params(sql::kListCatalog, include_retired)) {
          if (response.scopes_size() == 0 ||
              response.scopes(response.scopes_size() - 1).code() != r[0].as<std::string>()) {
            v1::Scope* scope = response.add_scopes();
            scope->set_code(r[0].as<std::string>());
            scope->set_name(r[1].as<std::string>());
            scope->set_active(r[2].as<bool>());
          }
          if (r[3].is_null()) continue;
          v1::Topic* topic = response.mutable_scopes(response.scopes_size() - 1)->add_topics();
          topic->set_code(r[3].as<std::string>());
          topic->set_name(r[4].as<std::string>());
          topic->set_active(r[5].as<bool>());
        }
        return response;
      });
}

absl::StatusOr<v1::ListTicketsResponse> TicketStore::List(const ListFilter& f) {
  if (f.by_sla_due) return ListBySlaDue(f);
  int64_t after_micros = 0;
  std::string after_id;
  if (!f.page_token.empty()) {
    HELPDESK_RETURN_IF_ERROR(ParsePageToken(f.page_token, &after_micros, &after_id));
  }
  return db::ReadOnce<v1::ListTicketsResponse>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::ListTicketsResponse> {
        // A customer's plain list (the portal's first screen) is the hottest
        // read: a prepared statement matching the (company, newest) index.
        bool plain = !f.company_id.empty() && f.status.empty() && f.scope.empty() &&
                     f.priority.empty() && f.assignee_id.empty() && !f.unassigned && f.q.empty();
        pqxx::result rows =
            plain
                ? (f.page_token.empty() ? tx.exec_prepared(sql::kListCompanyNewestName,
                                                           f.company_id, f.page_size + 1)
                                        : tx.exec_prepared(sql::kListCompanyAfterName, f.company_id,
                                                           after_micros, after_id, f.page_size + 1))
                : tx.exec_params(
                      sql::kListTickets, f.company_id, f.status, f.scope, f.priority, f.assignee_id,
                      f.unassigned, f.q, f.page_token, after_micros,
                      after_id.empty() ? "00000000-0000-0000-0000-000000000000" : after_id, f.staff,
                      f.page_size + 1);
        v1::ListTicketsResponse response;
        for (int i = 0; i < static_cast<int>(rows.size()) && i < f.page_size; ++i) {
          v1::Ticket* ticket = response.add_tickets();
          *ticket = TicketFromRow(rows[i]);
          FillSla(*ticket, rows[i]["sla_calendar"].as<std::string>());
        }
        if (static_cast<int>(rows.size()) > f.page_size) {
          response.set_next_page_token(PageToken(response.tickets(f.page_size - 1)));
        }
        return response;
      });
}

absl::StatusOr<v1::ListTicketsResponse> TicketStore::ListBySlaDue(const ListFilter& f) {
  // Without a token the keyset bounds are never compared, but must still
  // parse as a timestamptz and a uuid.
  std::string after_due = "-infinity";
  std::string after_id = "00000000-0000-0000-0000-000000000000";
  if (!f.page_token.empty()) {
    HELPDESK_RETURN_IF_ERROR(ParseSlaDuePageToken(f.page_token, &after_due, &after_id));
  }
  return db::ReadOnce<v1::ListTicketsResponse>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::ListTicketsResponse> {
        pqxx::result rows = tx.exec_params(sql::kListBySlaDue, f.company_id, f.scope, f.priority,
                                           f.assignee_id, f.unassigned, f.q, after_due, after_id,
                                           f.page_token, f.staff, f.page_size + 1);
        v1::ListTicketsResponse response;
        for (int i = 0; i < static_cast<int>(rows.size()) && i < f.page_size; ++i) {
          v1::Ticket* ticket = response.add_tickets();
          *ticket = TicketFromRow(rows[i]);
          FillSla(*ticket, rows[i]["sla_calendar"].as<std::string>());
        }
        if (static_cast<int>(rows.size()) > f.page_size) {
          response.set_next_page_token(SlaDuePageToken(response.tickets(f.page_size - 1)));
        }
        return response;
      });
}

absl::StatusOr<v1::ListMessagesResponse> TicketStore::ListMessages(const std::string& ticket_id,
                                                                   bool staff) {
  return db::ReadOnce<v1::ListMessagesResponse>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::ListMessagesResponse> {
        v1::ListMessagesResponse response;
        for (const auto& row : tx.exec_params(sql::kListMessages, ticket_id, staff)) {
          *response.add_messages() = MessageFromRow(row);
        }
        return response;
      });
}

absl::StatusOr<v1::GetHistoryResponse> TicketStore::History(const std::string& ticket_id,
                                                            bool staff) {
  return db::ReadOnce<v1::GetHistoryResponse>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<v1::GetHistoryResponse> {
        v1::GetHistoryResponse response;
        for (const auto& r : tx.exec_params(sql::kListHistory, ticket_id, staff)) {
          v1::HistoryEvent* event = response.add_events();
          SetTime(r[0], event->mutable_at());
          *event->mutable_actor() = PersonOf(r[1], r[2], r[3]);
          event->set_what(r[4].as<std::string>());
          event->set_from(r[5].as<std::string>());
          event->set_to(r[6].as<std::string>());
        }
        return response;
      });
}

absl::StatusOr<std::optional<TicketStore::Company>> TicketStore::FindCompany(
    const std::string& id) {
  return db::ReadOnce<std::optional<Company>>(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<std::optional<Company>> {
        pqxx::result rows = tx.exec_params(sql::kSelectCompany, id);
        if (rows.empty()) return std::optional<Company>();
        return Company{rows[0][0].as<std::string>(), rows[0][1].as<bool>(), rows[0][2].as<bool>()};
      });
}

absl::Status TicketStore::SaveCompany(const std::string& id, const Company& company) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kUpsertCompany, id, company.name, company.active,
                   company.notification_email_set, company.calendar);
    return absl::OkStatus();
  });
}

}  // namespace helpdesk::ticket
