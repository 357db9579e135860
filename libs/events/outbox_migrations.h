// The events library's own tables (outbox, processed_events), applied by
// every service before its own migrations.
#pragma once

#include "libs/db/migrations.h"

namespace helpdesk::migrations {

const db::MigrationSet& OutboxMigrations();

}  // namespace helpdesk::migrations
