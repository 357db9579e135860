// The attachment service's schema, embedded from migrations/ at build time.
#pragma once

#include "libs/db/migrations.h"

namespace helpdesk::migrations {

const db::MigrationSet& Attachment();

}  // namespace helpdesk::migrations
