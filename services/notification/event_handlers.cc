#include "services/notification/event_handlers.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/ids/ids.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"
#include "services/notification/delivery_store.h"
#include "services/notification/directory.h"

namespace helpdesk::notification {
namespace {

namespace ev = events::v1;

constexpr char kRecord[] = R"SQL(
INSERT INTO received_events (event_id, subject, ticket_id) VALUES ($1, $2, $3)
ON CONFLICT (event_id) DO NOTHING)SQL";

// Renders and queues the plan's mails in `tx`; logs who was left out.
void Queue(pqxx::work& tx, const HandlerContext& context, const std::string& event_name,
           const ev::EventMeta& meta, const Plan& plan) {
  static auto& queued = metrics::Default().GetCounter(
      "helpdesk_notification_deliveries_queued_total", "E-mail deliveries queued from events.");
  std::string event_id = ids::IsUuid(meta.event_id()) ? meta.event_id() : ids::NewUuid();
  for (const auto& reason : plan.skipped) {
    log::Info("notification recipient skipped",
              {{"event", event_name}, {"event_id", event_id}, {"reason", reason}});
  }
  for (const auto& mail : plan.mails) {
    absl::StatusOr<RenderedMail> rendered =
        context.templates->Render(mail.kind, mail.language, mail.values);
    if (!rendered.ok()) {
      log::Error("cannot render a notification; not sent",
                 {{"kind", KindName(mail.kind)}, {"error", rendered.status().ToString()}});
      continue;
    }
    NewDelivery delivery;
    delivery.id = ids::NewUuid();
    delivery.event_id = event_id;
    delivery.kind = KindName(mail.kind);
    delivery.ticket_id = mail.ticket_id;
    delivery.recipient = mail.recipient;
    delivery.language = mail.language;
    delivery.subject = rendered->subject;
    delivery.text = rendered->text;
    delivery.html = rendered->html;
    delivery.message_id = absl::StrCat("<", delivery.id, "@", context.message_id_domain, ">");
    if (DeliveryStore::Insert(tx, delivery)) queued.Increment();
  }
}

// Registers `Event`: the copies it updates, then its mails when the planner
// knows the event.
template <typename Event>
void Handle(events::Consumer& consumer, const HandlerContext& context,
            void (*update)(PgDirectory&, const Event&)) {
  consumer.On<Event>([&context, update](pqxx::work& tx, const Event& e) -> absl::Status {
    PgDirectory directory(tx);
    if (update != nullptr) update(directory, e);
    if constexpr (requires(Planner & p, const Event& x) { p.For(x); }) {
      Planner planner(*context.planner, directory);
      Queue(tx, context, Event::descriptor()->name(), e.meta(), planner.For(e));
    }
    return absl::OkStatus();
  });
}

TicketCopy Copy(const std::string& id, int64_t number, const std::string& subject,
                const std::string& company_id) {
  TicketCopy t;
  t.id = id;
  t.number = number;
  t.subject = subject;
  t.company_id = company_id;
  return t;
}

}  // namespace

void RegisterEventHandlers(events::Consumer& consumer, const HandlerContext& context) {
  Handle<ev::CompanyChanged>(consumer, context,
                             [](PgDirectory& d, const ev::CompanyChanged& e) { d.Apply(e); });
  Handle<ev::AccountChanged>(consumer, context,
                             [](PgDirectory& d, const ev::AccountChanged& e) { d.Apply(e); });
  consumer.On<ev::TicketCreated>(
      [&context](pqxx::work& tx, const ev::TicketCreated& e) -> absl::Status {
        tx.exec_params(kRecord, e.meta().event_id(), ev::TicketCreated::descriptor()->full_name(),
                       e.ticket_id());
        PgDirectory directory(tx);
        TicketCopy t = Copy(e.ticket_id(), e.number(), e.subject(), e.company_id());
        t.published_by_id = e.meta().actor().id();
        directory.UpsertTicket(t);
        Planner planner(*context.planner, directory);
        Queue(tx, context, "TicketCreated", e.meta(), planner.For(e));
        return absl::OkStatus();
      });
  Handle<ev::TicketTaken>(consumer, context, [](PgDirectory& d, const ev::TicketTaken& e) {
    TicketCopy t = Copy(e.ticket_id(), e.number(), "", e.company_id());
    t.assignee_id = e.assignee().id();
    d.UpsertTicket(t);
  });
  Handle<ev::TicketAssigned>(consumer, context, [](PgDirectory& d, const ev::TicketAssigned& e) {
    TicketCopy t = Copy(e.ticket_id(), e.number(), "", e.company_id());
    t.assignee_id = e.assignee().id();
    d.UpsertTicket(t);
  });
  Handle<ev::MessageAdded>(consumer, context, [](PgDirectory& d, const ev::MessageAdded& e) {
    TicketCopy t = Copy(e.ticket_id(), e.number(), e.subject(), e.company_id());
    t.published_by_id = e.published_by_id();
    t.assignee_id = e.assignee().id();
    d.UpsertTicket(t);
  });
  Handle<ev::TicketClosed>(consumer, context, [](PgDirectory& d, const ev::TicketClosed& e) {
    d.UpsertTicket(Copy(e.ticket_id(), e.number(), e.subject(), e.company_id()));
  });
  Handle<ev::PasswordResetRequested>(consumer, context, nullptr);
  Handle<ev::SlaWarning>(consumer, context, nullptr);
  Handle<ev::SlaBreached>(consumer, context, nullptr);
}

}  // namespace helpdesk::notification
