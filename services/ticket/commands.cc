// TicketStore: the commands that change a ticket after its creation, each
// in one transaction with its history entries and events.
#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/ids/ids.h"
#include "libs/status/status_macros.h"
#include "services/ticket/lifecycle.h"
#include "services/ticket/rows.h"
#include "services/ticket/sql.h"
#include "services/ticket/store.h"

namespace helpdesk::ticket {
namespace {

using common::v1::Person;
using google::protobuf::util::TimeUtil;

void AddHistory(pqxx::work& tx, const std::string& id, const Person& actor, const char* what,
                const std::string& from, const std::string& to, bool internal = false) {
  tx.exec_params(sql::kInsertHistory, id, actor.id(), actor.display_name(), RoleName(actor.role()),
                 what, from, to, internal);
}

// The fields every ticket event carries.
template <typename Event>
Event TicketEvent(const v1::Ticket& t, const Person& actor) {
  Event event;
  *event.mutable_meta()->mutable_actor() = actor;
  event.set_ticket_id(t.id());
  event.set_company_id(t.company_id());
  int64_t number = 0;
  if (t.number().size() > 1) number = std::stoll(t.number().substr(1));
  event.set_number(number);
  return event;
}

std::string StatusName(v1::Ticket::Status s) { return v1::Ticket::Status_Name(s); }

// Moves the ticket to `next` if that is a change, with history and event.
absl::Status ChangeStatus(pqxx::work& tx, const v1::Ticket& t, const Person& actor,
                          v1::Ticket::Status next) {
  if (next == t.status()) return absl::OkStatus();
  tx.exec_params(sql::kSetStatus, t.id(), StatusName(next));
  AddHistory(tx, t.id(), actor, "status", StatusName(t.status()), StatusName(next));
  auto event = TicketEvent<events::v1::TicketStatusChanged>(t, actor);
  event.set_from(StatusName(t.status()));
  event.set_to(StatusName(next));
  return events::Enqueue(tx, event).status();
}

// Takes the ticket in charge for `actor` (stops the take-in-charge clock).
absl::Status TakeInCharge(pqxx::work& tx, const v1::Ticket& t, const Person& actor) {
  pqxx::row taken =
      tx.exec_params1(sql::kTake, t.id(), actor.id(), actor.display_name(), RoleName(actor.role()));
  AddHistory(tx, t.id(), actor, "taken", StatusName(t.status()), "IN_PROGRESS");
  auto event = TicketEvent<events::v1::TicketTaken>(t, actor);
  *event.mutable_assignee() = actor;
  *event.mutable_taken_at() = TimeUtil::MicrosecondsToTimestamp(taken[0].as<int64_t>());
  return events::Enqueue(tx, event).status();
}

}  // namespace

absl::StatusOr<v1::Ticket> TicketStore::Mutate(const std::string& id,
                                               const std::string& company_scope,
                                               const Mutation& fn) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("ticket not found");
  HELPDESK_RETURN_IF_ERROR(db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result rows = tx.exec_params(sql::kLockTicket, id);
    if (rows.empty()) return absl::NotFoundError("ticket not found");
    v1::Ticket current = TicketFromRow(rows[0]);
    if (!company_scope.empty() && current.company_id() != company_scope) {
      return absl::NotFoundError("ticket not found");
    }
    return fn(tx, current);
  }));
  return Get(id);
}

absl::StatusOr<v1::Ticket> TicketStore::Take(const std::string& id, const Person& actor) {
  return Mutate(id, "", [&](pqxx::work& tx, const v1::Ticket& t) -> absl::Status {
    HELPDESK_RETURN_IF_ERROR(NextStatus(t.status(), Action::kTake, t.has_taken_at()).status());
    HELPDESK_RETURN_IF_ERROR(TakeInCharge(tx, t, actor));
    auto event = TicketEvent<events::v1::TicketStatusChanged>(t, actor);
    event.set_from(StatusName(t.status()));
    event.set_to("IN_PROGRESS");
    return events::Enqueue(tx, event).status();
  });
}

absl::StatusOr<v1::Ticket> TicketStore::Assign(const std::string& id, const Person& actor,
                                               const Person& assignee) {
  return Mutate(id, "", [&](pqxx::work& tx, const v1::Ticket& t) -> absl::Status {
    HELPDESK_RETURN_IF_ERROR(NextStatus(t.status(), Action::kAssign, t.has_taken_at()).status());
    tx.exec_params(sql::kAssign, id, assignee.id(), assignee.display_name(),
                   RoleName(assignee.role()));
    AddHistory(tx, id, actor, "assigned", t.assignee().display_name(), assignee.display_name());
    auto event = TicketEvent<events::v1::TicketAssigned>(t, actor);
    *event.mutable_assignee() = assignee;
    return events::Enqueue(tx, event).status();
  });
}

absl::StatusOr<v1::Ticket> TicketStore::Close(const std::string& id, const Person& actor,
                                              const std::string& company_scope) {
  return Mutate(id, company_scope, [&](pqxx::work& tx, const v1::Ticket& t) -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket::Status next,
                              NextStatus(t.status(), Action::kClose, t.has_taken_at()));
    HELPDESK_RETURN_IF_ERROR(ChangeStatus(tx, t, actor, next));
    auto event = TicketEvent<events::v1::TicketClosed>(t, actor);
    event.set_subject(t.subject());
    if (t.has_assignee()) *event.mutable_assignee() = t.assignee();
    return events::Enqueue(tx, event).status();
  });
}

absl::StatusOr<v1::Ticket> TicketStore::Reopen(const std::string& id, const Person& actor) {
  return Mutate(id, "", [&](pqxx::work& tx, const v1::Ticket& t) -> absl::Status {
    HELPDESK_ASSIGN_OR_RETURN(v1::Ticket::Status next,
                              NextStatus(t.status(), Action::kReopen, t.has_taken_at()));
    HELPDESK_RETURN_IF_ERROR(ChangeStatus(tx, t, actor, next));
    auto event = TicketEvent<events::v1::TicketReopened>(t, actor);
    return events::Enqueue(tx, event).status();
  });
}

absl::StatusOr<v1::Ticket> TicketStore::SetPriority(const std::string& id, const Person& actor,
                                                    v1::Ticket::Priority priority) {
  return Mutate(id, "", [&](pqxx::work& tx, const v1::Ticket& t) -> absl::Status {
    if (t.status() == v1::Ticket::CLOSED) {
      return absl::FailedPreconditionError("ticket is CLOSED: reopen it to change its priority");
    }
    if (t.priority() == priority) return absl::OkStatus();
    std::string from = v1::Ticket::Priority_Name(t.priority());
    std::string to = v1::Ticket::Priority_Name(priority);
    // SPEC §4: the due is recomputed from the creation time.
    absl::Time created = absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(t.created_at()));
    // On the calendar the ticket was created on, as the sla service does.
    std::shared_ptr<const MirroredCalendar> calendar =
        calendars_.Find(tx.exec_params1(sql::kTicketCalendar, id)[0].as<std::string>());
    absl::Time due = DueOf(*calendar, created, priority, t.urgent_on_site()).sla_due_at;
    tx.exec_params(sql::kSetPriority, id, to,
                   due == absl::InfiniteFuture() ? std::optional<int64_t>()
                                                 : std::optional<int64_t>(absl::ToUnixMicros(due)));
    AddHistory(tx, id, actor, "priority", from, to);
    auto event = TicketEvent<events::v1::TicketPriorityChanged>(t, actor);
    event.set_from(from);
    event.set_to(to);
    *event.mutable_created_at() = t.created_at();
    return events::Enqueue(tx, event).status();
  });
}

absl::StatusOr<v1::Message> TicketStore::AddMessage(const std::string& id, const Person& actor,
                                                    const std::string& company_scope,
                                                    const std::string& note, bool internal,
                                                    const std::string& message_id,
                                                    const std::string& attachments_json) {
  v1::Message message;
  message.set_id(message_id.empty() ? ids::NewUuid() : message_id);
  HELPDESK_RETURN_IF_ERROR(
      Mutate(id, company_scope, [&](pqxx::work& tx, const v1::Ticket& t) -> absl::Status {
        bool staff = actor.role() != Person::CUSTOMER;
        Action action = internal ? Action::kInternalNote
                        : staff  ? Action::kStaffReply
                                 : Action::kCustomerMessage;
        HELPDESK_ASSIGN_OR_RETURN(v1::Ticket::Status next,
                                  NextStatus(t.status(), action, t.has_taken_at()));
        pqxx::row created =
            tx.exec_params1(sql::kInsertMessage, message.id(), id, actor.id(), actor.display_name(),
                            RoleName(actor.role()), internal, note);
        SetTime(created[0], message.mutable_created_at());
        if (!attachments_json.empty()) {
          tx.exec_params(sql::kSetMessageAttachments, message.id(), attachments_json);
        }
        AddHistory(tx, id, actor, internal ? "internal_note" : "message", "", "", internal);
        v1::Ticket current = t;
        if (action == Action::kStaffReply && t.status() == v1::Ticket::OPEN) {
          // A reply to a ticket nobody took yet takes it in charge first.
          HELPDESK_RETURN_IF_ERROR(TakeInCharge(tx, t, actor));
          current.set_status(v1::Ticket::IN_PROGRESS);
          *current.mutable_assignee() = actor;
        }
        HELPDESK_RETURN_IF_ERROR(ChangeStatus(tx, current, actor, next));
        auto event = TicketEvent<events::v1::MessageAdded>(t, actor);
        event.set_subject(t.subject());
        event.set_message_id(message.id());
        *event.mutable_author() = actor;
        event.set_internal(internal);
        event.set_note(note);
        if (current.has_assignee()) *event.mutable_assignee() = current.assignee();
        event.set_published_by_id(t.published_by().id());
        return events::Enqueue(tx, event).status();
      }).status());
  *message.mutable_author() = actor;
  message.set_internal(internal);
  message.set_note(note);
  SetMessageAttachments(attachments_json, &message);
  return message;
}

}  // namespace helpdesk::ticket
