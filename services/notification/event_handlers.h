// What the notification service does with each domain event it consumes:
// keeps its local copies (companies, accounts, tickets), decides who gets an
// e-mail (planner.h), renders it (template_set.h) and queues one delivery per
// recipient, all in the consumer's transaction, the one that records the
// event id in processed_events. A redelivered event therefore queues nothing
// new, and a crash before the commit queues nothing at all.
//
//   HandlerContext context{&templates, &settings.planner, "example.com"};
//   RegisterEventHandlers(consumer, context);
//
// TicketCreated is also recorded in `received_events`, as before.
#pragma once

#include <string>

#include "libs/events/consumer.h"
#include "services/notification/planner.h"
#include "services/notification/template_set.h"

namespace helpdesk::notification {

struct HandlerContext {
  const TemplateSet* templates;
  const PlannerSettings* planner;
  std::string message_id_domain;  // the right side of each Message-ID
};

// Registers the handlers on `consumer`; `context` must outlive it.
void RegisterEventHandlers(events::Consumer& consumer, const HandlerContext& context);

}  // namespace helpdesk::notification
