// What the ticket service does with the domain events it consumes: it keeps
// a local copy of each company's name, so reading tickets needs no call to
// the identity service.
#pragma once

#include "libs/events/consumer.h"

namespace helpdesk::ticket {

void RegisterEventHandlers(events::Consumer& consumer);

}  // namespace helpdesk::ticket
