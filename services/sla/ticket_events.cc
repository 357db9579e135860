#include "services/sla/ticket_events.h"

#include <functional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/log/log.h"
#include "libs/sla_policy/policy.h"
#include "libs/status/status_macros.h"
#include "services/sla/pg_values.h"
#include "services/sla/sql.h"

namespace helpdesk::sla {
namespace {

using sla_policy::Priority;
using sla_policy::TicketDue;

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

// The instant of a state change: the event's own field when it has one,
// else when the event occurred.
absl::Time InstantOf(bool has, const google::protobuf::Timestamp& at,
                     const events::v1::EventMeta& meta) {
  if (has) return FromTimestamp(at);
  return meta.has_occurred_at() ? FromTimestamp(meta.occurred_at()) : absl::Now();
}

// How long an event about a ticket not created here yet is retried. Replicas
// share the durable consumer, so a ticket's TicketTaken may be applied
// before its TicketCreated (or a redelivery reorders them); retrying lets
// TicketCreated land first. Older events are about tickets this service
// never saw (created before it existed): skipped, so they cannot loop.
constexpr absl::Duration kWaitForCreated = absl::Minutes(5);

absl::Status UnknownTicket(const char* event, const std::string& ticket_id,
                           const events::v1::EventMeta& meta) {
  const bool recent =
      meta.has_occurred_at() && absl::Now() - FromTimestamp(meta.occurred_at()) < kWaitForCreated;
  if (recent) {
    return absl::UnavailableError(
        absl::StrCat(event, " for ticket ", ticket_id, " before its TicketCreated; retried"));
  }
  log::Warn("event about a ticket the sla service does not know; skipped",
            {{"event", event}, {"ticket_id", ticket_id}});
  return absl::OkStatus();
}

// The ticket's row, locked; nullopt when unknown.
struct LockedTicket {
  std::string calendar;
  bool urgent_on_site;
  absl::Time created_at;
  std::optional<absl::Time> taken_at;
  std::optional<absl::Time> sla_due_at;
};

std::optional<LockedTicket> LockTicket(pqxx::work& tx, const std::string& ticket_id) {
  pqxx::result rows = tx.exec_params(sql::kLockTicket, ticket_id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row r = rows[0];
  return LockedTicket{r[0].as<std::string>(), r[1].as<bool>(), TimeOf(r[2]), OptionalTime(r[3]),
                      OptionalTime(r[4])};
}

bool Late(absl::Time taken_at, absl::Time due) {
  return due != absl::InfiniteFuture() && taken_at > due;
}

}  // namespace

void TicketEventHandlers::Register(events::Consumer& consumer) {
  using namespace std::placeholders;
  consumer.On<events::v1::TicketCreated>(std::bind(&TicketEventHandlers::OnCreated, this, _1, _2));
  consumer.On<events::v1::TicketPriorityChanged>(
      std::bind(&TicketEventHandlers::OnPriorityChanged, this, _1, _2));
  consumer.On<events::v1::TicketTaken>(std::bind(&TicketEventHandlers::OnTaken, this, _1, _2));
  consumer.On<events::v1::TicketAssigned>(
      std::bind(&TicketEventHandlers::OnAssigned, this, _1, _2));
  consumer.On<events::v1::TicketClosed>(std::bind(&TicketEventHandlers::OnClosed, this, _1, _2));
  consumer.On<events::v1::TicketReopened>(
      std::bind(&TicketEventHandlers::OnReopened, this, _1, _2));
  consumer.On<events::v1::CompanyChanged>(
      std::bind(&TicketEventHandlers::OnCompanyChanged, this, _1, _2));
  consumer.On<events::v1::TicketStatusChanged>(
      std::bind(&TicketEventHandlers::OnStatusChanged, this, _1, _2));
}

absl::StatusOr<std::shared_ptr<const CalendarEntry>> TicketEventHandlers::CalendarFor(
    const std::string& name) const {
  std::shared_ptr<const CalendarEntry> entry = calendars_.FindOrDefault(name);
  if (entry == nullptr) return absl::FailedPreconditionError("no \"default\" calendar loaded");
  if (entry->definition.name != name) {
    log::Warn("unknown calendar; counting on the default one", {{"calendar", name}});
  }
  return entry;
}

absl::Status TicketEventHandlers::OnCreated(pqxx::work& tx, const events::v1::TicketCreated& e) {
  absl::StatusOr<Priority> priority = sla_policy::ParsePriority(e.priority());
  if (!priority.ok()) {
    log::Error("TicketCreated with an invalid priority; skipped",
               {{"ticket_id", e.ticket_id()}, {"priority", e.priority()}});
    return absl::OkStatus();  // redelivering it would not help
  }
  std::string name = e.calendar();
  if (name.empty()) {
    pqxx::result company = tx.exec_params(sql::kSelectCompanyCalendar, e.company_id());
    name = company.empty() ? sla_policy::kDefaultCalendarName : company[0][0].as<std::string>();
  }
  HELPDESK_ASSIGN_OR_RETURN(auto entry, CalendarFor(name));
  const absl::Time created_at = InstantOf(e.has_created_at(), e.created_at(), e.meta());
  const TicketDue due = sla_policy::ComputeTicketDue(entry->calendar, entry->definition.policy,
                                                     created_at, *priority, e.urgent_on_site());
  pqxx::result inserted = tx.exec_params(
      sql::kInsertTicket, e.ticket_id(), e.company_id(), e.number(), entry->definition.name,
      sla_policy::PriorityName(*priority), e.urgent_on_site(), Micros(created_at).param(),
      Micros(due.target).param(), Micros(due.warning_at).param(), Micros(due.sla_due_at).param(),
      Micros(due.on_site_due_at).param());
  if (inserted.empty()) return absl::OkStatus();  // known already
  tx.exec_params(sql::kInsertTimer, e.ticket_id(), Micros(due.warning_at).param(),
                 Micros(due.sla_due_at).param(), Micros(due.on_site_due_at).param());
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnPriorityChanged(pqxx::work& tx,
                                                    const events::v1::TicketPriorityChanged& e) {
  absl::StatusOr<Priority> priority = sla_policy::ParsePriority(e.to(), "to");
  if (!priority.ok()) {
    log::Error("TicketPriorityChanged with an invalid priority; skipped",
               {{"ticket_id", e.ticket_id()}, {"to", e.to()}});
    return absl::OkStatus();
  }
  std::optional<LockedTicket> ticket = LockTicket(tx, e.ticket_id());
  if (!ticket.has_value()) {
    return UnknownTicket("TicketPriorityChanged", e.ticket_id(), e.meta());
  }
  HELPDESK_ASSIGN_OR_RETURN(auto entry, CalendarFor(ticket->calendar));
  const TicketDue due =
      sla_policy::ComputeTicketDue(entry->calendar, entry->definition.policy, ticket->created_at,
                                   *priority, ticket->urgent_on_site);
  const bool late = ticket->taken_at.has_value() && Late(*ticket->taken_at, due.sla_due_at);
  tx.exec_params(sql::kSetTicketPriority, e.ticket_id(), sla_policy::PriorityName(*priority),
                 Micros(due.target).param(), Micros(due.warning_at).param(),
                 Micros(due.sla_due_at).param(), late);
  if (!ticket->taken_at.has_value()) {
    tx.exec_params(sql::kMoveTimerDue, e.ticket_id(), Micros(due.warning_at).param(),
                   Micros(due.sla_due_at).param());
  }
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnTaken(pqxx::work& tx, const events::v1::TicketTaken& e) {
  std::optional<LockedTicket> ticket = LockTicket(tx, e.ticket_id());
  if (!ticket.has_value()) {
    return UnknownTicket("TicketTaken", e.ticket_id(), e.meta());
  }
  if (ticket->taken_at.has_value()) {  // taken in charge once; later takes only reassign
    tx.exec_params(sql::kSetAssignee, e.ticket_id(), e.assignee().id());
    return absl::OkStatus();
  }
  HELPDESK_ASSIGN_OR_RETURN(auto entry, CalendarFor(ticket->calendar));
  const absl::Time taken_at = InstantOf(e.has_taken_at(), e.taken_at(), e.meta());
  const bool late = ticket->sla_due_at.has_value() && Late(taken_at, *ticket->sla_due_at);
  const absl::Duration business = entry->calendar.BusinessTimeBetween(ticket->created_at, taken_at);
  tx.exec_params(sql::kTakeTicket, e.ticket_id(), Micros(taken_at).param(),
                 Micros(business).param(), late, e.assignee().id());
  tx.exec_params(sql::kStopTakeClock, e.ticket_id());
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnAssigned(pqxx::work& tx, const events::v1::TicketAssigned& e) {
  if (tx.exec_params(sql::kSetAssignee, e.ticket_id(), e.assignee().id()).affected_rows() == 0) {
    return UnknownTicket("TicketAssigned", e.ticket_id(), e.meta());
  }
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnClosed(pqxx::work& tx, const events::v1::TicketClosed& e) {
  const absl::Time closed_at = InstantOf(false, {}, e.meta());
  if (tx.exec_params(sql::kCloseTicket, e.ticket_id(), Micros(closed_at).param()).affected_rows() ==
      0) {
    return UnknownTicket("TicketClosed", e.ticket_id(), e.meta());
  }
  tx.exec_params(sql::kDeleteTimer, e.ticket_id());
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnReopened(pqxx::work& tx, const events::v1::TicketReopened& e) {
  if (tx.exec_params(sql::kReopenTicket, e.ticket_id()).affected_rows() == 0) {
    return UnknownTicket("TicketReopened", e.ticket_id(), e.meta());
  }
  tx.exec_params(sql::kRestartTimer, e.ticket_id());
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnStatusChanged(pqxx::work& tx,
                                                  const events::v1::TicketStatusChanged& e) {
  const auto pauses = [](const std::string& status) {
    return status == "WAITING_CUSTOMER" || status == "CLOSED";
  };
  if (!pauses(e.from()) && !pauses(e.to())) return absl::OkStatus();
  if (tx.exec_params(sql::kTicketExists, e.ticket_id()).empty()) {
    return UnknownTicket("TicketStatusChanged", e.ticket_id(), e.meta());
  }
  const Micros at(InstantOf(false, {}, e.meta()));
  if (pauses(e.from())) tx.exec_params(sql::kEndPause, e.ticket_id(), at.param(), e.from());
  if (pauses(e.to())) tx.exec_params(sql::kStartPause, e.ticket_id(), at.param(), e.to());
  return absl::OkStatus();
}

absl::Status TicketEventHandlers::OnCompanyChanged(pqxx::work& tx,
                                                   const events::v1::CompanyChanged& e) {
  const std::string calendar =
      e.calendar().empty() ? sla_policy::kDefaultCalendarName : e.calendar();
  tx.exec_params(sql::kUpsertCompany, e.company_id(), calendar);
  return absl::OkStatus();
}

}  // namespace helpdesk::sla
