// The sla service's schema, embedded from migrations/ at build time.
#pragma once

#include "libs/db/migrations.h"

namespace helpdesk::migrations {

const db::MigrationSet& Sla();

}  // namespace helpdesk::migrations
