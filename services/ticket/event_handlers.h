// What the ticket service does with the domain events it consumes: it keeps
// a local copy of each company (name, state, contract, calendar), so
// reading tickets needs no call to the identity service, and of the sla
// service's calendar definitions (CalendarChanged), installed in `calendars`
// once stored, so new tickets' dues are counted on their company's calendar.
#pragma once

#include "libs/events/consumer.h"
#include "services/ticket/calendar_mirror.h"

namespace helpdesk::ticket {

void RegisterEventHandlers(events::Consumer& consumer, CalendarMirror& calendars);

}  // namespace helpdesk::ticket
