// The sla service's side of the ticket service's events: each handler runs
// in the durable consumer's transaction (the one that records the event id,
// so a redelivery changes nothing) and keeps `tickets` and `timers` up to
// date.
//
//   TicketEventHandlers handlers(calendars);
//   events::Consumer consumer(pool, nats, {.durable = "sla"});
//   handlers.Register(consumer);
//
// - TicketCreated: the dues from the ticket's calendar (the event's
//   `calendar` when set, else the company's from CompanyChanged, else
//   "default") and its policy; one timer row.
// - TicketPriorityChanged: the dues again from the creation time; a moved
//   due forgets what fired for the old one.
// - TicketTaken: stops the take-in-charge clock; records the business time
//   taken and whether it was late (taken after the due). The on-site clock
//   keeps running: taking in charge is not the intervention.
// - TicketAssigned: the assignee the events will name.
// - TicketClosed: stops every clock (the timer row goes).
// - TicketReopened: restarts the clocks only if the ticket was never taken in
//   charge; dues stay those counted from creation, so a due that passed
//   while it was closed fires at once (unless it fired before).
// - CompanyChanged: the company's calendar.
// An event about a ticket not created here yet is retried (UNAVAILABLE, so
// the consumer redelivers it) for five minutes after it occurred: replicas
// share the durable consumer, so a ticket's TicketTaken may be applied before
// its TicketCreated. Older ones, about tickets the service never saw (created
// before it existed), are skipped with a log line.
#pragma once

#include <pqxx/transaction>

#include "absl/status/status.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/events/consumer.h"
#include "services/sla/calendar_registry.h"

namespace helpdesk::sla {

class TicketEventHandlers {
 public:
  explicit TicketEventHandlers(const CalendarRegistry& calendars) : calendars_(calendars) {}

  void Register(events::Consumer& consumer);

  absl::Status OnCreated(pqxx::work& tx, const events::v1::TicketCreated& e);
  absl::Status OnPriorityChanged(pqxx::work& tx, const events::v1::TicketPriorityChanged& e);
  absl::Status OnTaken(pqxx::work& tx, const events::v1::TicketTaken& e);
  absl::Status OnAssigned(pqxx::work& tx, const events::v1::TicketAssigned& e);
  absl::Status OnClosed(pqxx::work& tx, const events::v1::TicketClosed& e);
  absl::Status OnReopened(pqxx::work& tx, const events::v1::TicketReopened& e);
  // The resolution clock's pauses: WAITING_CUSTOMER and CLOSED intervals.
  absl::Status OnStatusChanged(pqxx::work& tx, const events::v1::TicketStatusChanged& e);
  absl::Status OnCompanyChanged(pqxx::work& tx, const events::v1::CompanyChanged& e);

 private:
  // The calendar for `name`; FAILED_PRECONDITION (retried) if even
  // "default" is missing.
  absl::StatusOr<std::shared_ptr<const CalendarEntry>> CalendarFor(const std::string& name) const;

  const CalendarRegistry& calendars_;
};

}  // namespace helpdesk::sla
