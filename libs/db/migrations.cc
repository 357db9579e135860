#include "libs/db/migrations.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "libs/log/log.h"

namespace helpdesk::db {
namespace {

constexpr char kCreateTable[] = R"SQL(
CREATE TABLE IF NOT EXISTS schema_migrations (
  component  text        NOT NULL,
  version    integer     NOT NULL,
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (component, version)
))SQL";

// One lock per schema: replicas of one service wait for each other, other
// services' migrations go on.
constexpr char kLock[] =
    "SELECT pg_advisory_xact_lock(hashtext('helpdesk.migrate.' || current_schema()))";

}  // namespace

absl::Status Migrate(Pool& pool, const std::vector<MigrationSet>& sets) {
  const std::string& schema = pool.options().schema;
  if (!schema.empty()) {
    absl::Status created = InTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
      pqxx::result found = tx.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema);
      if (found.empty())
        tx.exec(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", tx.quote_name(schema)));
      return absl::OkStatus();
    });
    if (!created.ok()) {
      return absl::Status(created.code(),
                          absl::StrCat("cannot create schema ", schema, ": ", created.message()));
    }
  }
  for (const MigrationSet& set : sets) {
    for (size_t i = 0; i < set.count; ++i) {
      const Migration& m = set.items[i];
      bool applied_now = false;
      absl::Status status = InTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
        tx.exec(kLock);
        tx.exec(kCreateTable);
        pqxx::result done =
            tx.exec_params("SELECT 1 FROM schema_migrations WHERE component = $1 AND version = $2",
                           set.component, m.version);
        if (!done.empty()) return absl::OkStatus();
        tx.exec(m.sql);
        tx.exec_params(
            "INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)",
            set.component, m.version, m.name);
        applied_now = true;
        return absl::OkStatus();
      });
      if (!status.ok()) {
        return absl::Status(status.code(), absl::StrCat("migration ", set.component, "/", m.name,
                                                        " failed: ", status.message()));
      }
      if (applied_now) {
        log::Info("migration applied", {{"component", set.component}, {"name", m.name}});
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace helpdesk::db
