// Versioned SQL migrations, applied by each service to its own schema at
// start.
//
// A service keeps `migrations/NNNN_what.sql`; the build embeds them
// (helpdesk_embed_migrations in cmake/Helpdesk.cmake) as a MigrationSet, and
// main runs:
//
//   HELPDESK_RETURN_IF_ERROR(db::Migrate(*pool, {events::OutboxMigrations(),
//                                                migrations::Ticket()}));
//
// Migrate creates the schema when it is missing, takes an advisory lock so
// replicas starting together apply each migration once, and records what it
// applied in `schema_migrations` (component, version). Each migration runs in
// its own transaction. A database that is ahead of the binary (a version it
// does not know) is accepted: older replicas keep running during a rollout.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "libs/db/pool.h"

namespace helpdesk::db {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

struct MigrationSet {
  const char* component;
  const Migration* items;
  size_t count;
};

absl::Status Migrate(Pool& pool, const std::vector<MigrationSet>& sets);

}  // namespace helpdesk::db
