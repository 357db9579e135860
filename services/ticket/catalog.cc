// TicketStore: administrators' changes to the catalog, each in one
// transaction with its catalog_history rows and a CatalogChanged event.
// Retiring hides an entry from ListScopes and from new tickets; tickets
// that have it keep showing its name (their reads join by code).
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "services/ticket/rows.h"
#include "services/ticket/sql.h"
#include "services/ticket/store.h"

namespace helpdesk::ticket {
namespace {

using common::v1::Person;

absl::Status CheckCodeFree(pqxx::work& tx, const std::string& code) {
  if (tx.exec_params1(sql::kCatalogCodeTaken, code)[0].as<bool>()) {
    return absl::AlreadyExistsError(
        absl::StrCat("code: \"", code, "\" is already used in the catalog"));
  }
  return absl::OkStatus();
}

void AddHistory(pqxx::work& tx, const Person& actor, const char* kind, const std::string& code,
                const char* what, const std::string& from, const std::string& to) {
  tx.exec_params(sql::kInsertCatalogHistory, actor.id(), actor.display_name(),
                 RoleName(actor.role()), kind, code, what, from, to);
}

absl::Status Publish(pqxx::work& tx, const Person& actor, const char* kind, const std::string& code,
                     const std::string& scope, const std::string& name, bool active) {
  events::v1::CatalogChanged event;
  *event.mutable_meta()->mutable_actor() = actor;
  event.set_kind(kind);
  event.set_code(code);
  event.set_scope(scope);
  event.set_name(name);
  event.set_active(active);
  return events::Enqueue(tx, event).status();
}

// Records a rename and a retirement or restoration, if they are changes.
void RecordChanges(pqxx::work& tx, const Person& actor, const char* kind, const std::string& code,
                   const std::string& old_name, const std::string& new_name, bool was_active,
                   bool active) {
  if (old_name != new_name) AddHistory(tx, actor, kind, code, "renamed", old_name, new_name);
  if (was_active != active) {
    AddHistory(tx, actor, kind, code, active ? "restored" : "retired",
               was_active ? "true" : "false", active ? "true" : "false");
  }
}

v1::Scope ScopeOf(pqxx::work& tx, const std::string& code) {
  v1::Scope scope;
  for (const auto& r : tx.exec_params(sql::kSelectScope, code)) {
    scope.set_code(r[0].as<std::string>());
    scope.set_name(r[1].as<std::string>());
    scope.set_active(r[2].as<bool>());
    if (r[3].is_null()) continue;
    v1::Topic* topic = scope.add_topics();
    topic->set_code(r[3].as<std::string>());
    topic->set_name(r[4].as<std::string>());
    topic->set_active(r[5].as<bool>());
  }
  return scope;
}

}  // namespace

absl::StatusOr<v1::Scope> TicketStore::CreateScope(const std::string& code, const std::string& name,
                                                   const Person& actor) {
  return db::InTransaction<v1::Scope>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Scope> {
    if (absl::Status free = CheckCodeFree(tx, code); !free.ok()) return free;
    tx.exec_params(sql::kInsertScope, code, name);
    AddHistory(tx, actor, "SCOPE", code, "created", "", name);
    if (absl::Status published = Publish(tx, actor, "SCOPE", code, code, name, true);
        !published.ok()) {
      return published;
    }
    return ScopeOf(tx, code);
  });
}

absl::StatusOr<v1::Scope> TicketStore::UpdateScope(const std::string& code,
                                                   const std::optional<std::string>& name,
                                                   std::optional<bool> active,
                                                   const Person& actor) {
  return db::InTransaction<v1::Scope>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Scope> {
    pqxx::result rows = tx.exec_params(sql::kLockScope, code);
    if (rows.empty()) return absl::NotFoundError("scope not found");
    const std::string old_name = rows[0][0].as<std::string>();
    const bool was_active = rows[0][1].as<bool>();
    const std::string new_name = name.value_or(old_name);
    const bool now_active = active.value_or(was_active);
    if (new_name != old_name || now_active != was_active) {
      tx.exec_params(sql::kUpdateScope, code, new_name, now_active);
      RecordChanges(tx, actor, "SCOPE", code, old_name, new_name, was_active, now_active);
      if (absl::Status published = Publish(tx, actor, "SCOPE", code, code, new_name, now_active);
          !published.ok()) {
        return published;
      }
    }
    return ScopeOf(tx, code);
  });
}

absl::StatusOr<v1::Topic> TicketStore::CreateTopic(const std::string& scope,
                                                   const std::string& code, const std::string& name,
                                                   const Person& actor) {
  return db::InTransaction<v1::Topic>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Topic> {
    // The scope row is locked so it cannot be changed meanwhile.
    if (tx.exec_params(sql::kLockScope, scope).empty()) {
      return absl::NotFoundError("scope not found");
    }
    if (absl::Status free = CheckCodeFree(tx, code); !free.ok()) return free;
    tx.exec_params(sql::kInsertTopic, code, scope, name);
    AddHistory(tx, actor, "TOPIC", code, "created", "", name);
    if (absl::Status published = Publish(tx, actor, "TOPIC", code, scope, name, true);
        !published.ok()) {
      return published;
    }
    v1::Topic topic;
    topic.set_code(code);
    topic.set_name(name);
    topic.set_active(true);
    return topic;
  });
}

absl::StatusOr<v1::Topic> TicketStore::UpdateTopic(const std::string& code,
                                                   const std::optional<std::string>& name,
                                                   std::optional<bool> active,
                                                   const Person& actor) {
  return db::InTransaction<v1::Topic>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Topic> {
    pqxx::result rows = tx.exec_params(sql::kLockTopic, code);
    if (rows.empty()) return absl::NotFoundError("topic not found");
    const std::string scope = rows[0][0].as<std::string>();
    const std::string old_name = rows[0][1].as<std::string>();
    const bool was_active = rows[0][2].as<bool>();
    v1::Topic topic;
    topic.set_code(code);
    topic.set_name(name.value_or(old_name));
    topic.set_active(active.value_or(was_active));
    if (topic.name() != old_name || topic.active() != was_active) {
      tx.exec_params(sql::kUpdateTopic, code, topic.name(), topic.active());
      RecordChanges(tx, actor, "TOPIC", code, old_name, topic.name(), was_active, topic.active());
      if (absl::Status published =
              Publish(tx, actor, "TOPIC", code, scope, topic.name(), topic.active());
          !published.ok()) {
        return published;
      }
    }
    return topic;
  });
}

}  // namespace helpdesk::ticket
