#include "services/sla/testing_db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <pqxx/pqxx>
#include <type_traits>

#include "libs/db/migrations.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox_migrations.h"
#include "services/sla/migrations.h"
#include "tests/support/postgres.h"

namespace helpdesk::sla::testing {

SlaDatabase::SlaDatabase() : name_(helpdesk::testing::TestPostgres::Shared().CreateDatabase()) {
  pool_ = ConnectAnother(4);
  if (pool_ == nullptr) return;
  absl::Status migrated = db::Migrate(*pool_, {migrations::OutboxMigrations(), migrations::Sla()});
  if (!migrated.ok()) {
    ADD_FAILURE() << "migrations: " << migrated;
    return;
  }
  store_ = std::make_unique<PgSlaStore>(*pool_);
  absl::Status loaded = calendars_.Load(*store_);
  if (!loaded.ok()) ADD_FAILURE() << "calendars: " << loaded;
  handlers_ = std::make_unique<TicketEventHandlers>(calendars_);
}

std::unique_ptr<db::Pool> SlaDatabase::ConnectAnother(int size) {
  absl::StatusOr<std::unique_ptr<db::Pool>> pool = db::Pool::Connect(
      {.url = helpdesk::testing::TestPostgres::Shared().Url(name_, "helpdesk_sla"),
       .schema = "sla",
       .size = size,
       .application_name = "sla-test"});
  if (!pool.ok()) {
    ADD_FAILURE() << "connect: " << pool.status();
    return nullptr;
  }
  return *std::move(pool);
}

template <typename Event>
absl::Status SlaDatabase::Apply(const Event& event) {
  return db::InTransaction(*pool_, [&](pqxx::work& tx) -> absl::Status {
    if constexpr (std::is_same_v<Event, events::v1::TicketCreated>) {
      return handlers_->OnCreated(tx, event);
    } else if constexpr (std::is_same_v<Event, events::v1::TicketPriorityChanged>) {
      return handlers_->OnPriorityChanged(tx, event);
    } else if constexpr (std::is_same_v<Event, events::v1::TicketTaken>) {
      return handlers_->OnTaken(tx, event);
    } else if constexpr (std::is_same_v<Event, events::v1::TicketAssigned>) {
      return handlers_->OnAssigned(tx, event);
    } else if constexpr (std::is_same_v<Event, events::v1::TicketClosed>) {
      return handlers_->OnClosed(tx, event);
    } else if constexpr (std::is_same_v<Event, events::v1::TicketReopened>) {
      return handlers_->OnReopened(tx, event);
    } else {
      return handlers_->OnCompanyChanged(tx, event);
    }
  });
}

template absl::Status SlaDatabase::Apply(const events::v1::TicketCreated&);
template absl::Status SlaDatabase::Apply(const events::v1::TicketPriorityChanged&);
template absl::Status SlaDatabase::Apply(const events::v1::TicketTaken&);
template absl::Status SlaDatabase::Apply(const events::v1::TicketAssigned&);
template absl::Status SlaDatabase::Apply(const events::v1::TicketClosed&);
template absl::Status SlaDatabase::Apply(const events::v1::TicketReopened&);
template absl::Status SlaDatabase::Apply(const events::v1::CompanyChanged&);

int SlaDatabase::OutboxCount(const std::string& subject) {
  return static_cast<int>(OutboxPayloads(subject).size());
}

std::vector<std::string> SlaDatabase::OutboxPayloads(const std::string& subject) {
  std::vector<std::string> payloads;
  absl::Status status = db::InTransaction(*pool_, [&](pqxx::work& tx) -> absl::Status {
    for (const pqxx::row& r :
         tx.exec_params("SELECT payload FROM outbox WHERE subject = $1 ORDER BY id", subject)) {
      pqxx::binarystring payload(r[0]);
      payloads.push_back(payload.str());
    }
    return absl::OkStatus();
  });
  if (!status.ok()) ADD_FAILURE() << status;
  return payloads;
}

int64_t SlaDatabase::QueryInt(const std::string& sql) {
  int64_t value = -1;
  absl::Status status = db::InTransaction(*pool_, [&](pqxx::work& tx) -> absl::Status {
    value = tx.exec1(sql)[0].as<int64_t>();
    return absl::OkStatus();
  });
  if (!status.ok()) ADD_FAILURE() << sql << ": " << status;
  return value;
}

void SlaDatabase::Execute(const std::string& sql) {
  absl::Status status = db::InTransaction(*pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec(sql);
    return absl::OkStatus();
  });
  if (!status.ok()) ADD_FAILURE() << sql << ": " << status;
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t micros = absl::ToUnixMicros(t);
  ts.set_seconds(micros / 1000000);
  ts.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return ts;
}

absl::Time Rome(int year, int month, int day, int hour, int minute) {
  absl::TimeZone rome;
  if (!absl::LoadTimeZone("Europe/Rome", &rome)) std::abort();
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), rome);
}

events::v1::TicketCreated Created(const std::string& ticket_id, const std::string& company,
                                  absl::Time created_at, const std::string& priority,
                                  bool urgent_on_site) {
  events::v1::TicketCreated e;
  e.set_ticket_id(ticket_id);
  e.set_company_id(company);
  e.set_number(42);
  e.set_priority(priority);
  e.set_urgent_on_site(urgent_on_site);
  *e.mutable_created_at() = ToTimestamp(created_at);
  *e.mutable_meta()->mutable_occurred_at() = ToTimestamp(created_at);
  return e;
}

events::v1::TicketTaken Taken(const std::string& ticket_id, absl::Time taken_at,
                              const std::string& assignee) {
  events::v1::TicketTaken e;
  e.set_ticket_id(ticket_id);
  e.mutable_assignee()->set_id(assignee);
  *e.mutable_taken_at() = ToTimestamp(taken_at);
  *e.mutable_meta()->mutable_occurred_at() = ToTimestamp(taken_at);
  return e;
}

}  // namespace helpdesk::sla::testing
