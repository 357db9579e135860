// What the notification service does with each domain event it consumes.
#pragma once

#include "libs/events/consumer.h"

namespace helpdesk::notification {

// Registers the handlers on `consumer`.
void RegisterEventHandlers(events::Consumer& consumer);

}  // namespace helpdesk::notification
