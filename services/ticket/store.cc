#include "services/ticket/store.h"

#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/ids/ids.h"
#include "libs/status/status_macros.h"
#include "services/ticket/format.h"
#include "services/ticket/sql.h"

namespace helpdesk::ticket {
namespace {

using common::v1::Person;
using google::protobuf::util::TimeUtil;

std::string RoleName(Person::Role role) { return Person::Role_Name(role); }

Person::Role ParseRole(const std::string& name) {
  Person::Role role = Person::ROLE_UNSPECIFIED;
  Person::Role_Parse(name, &role);
  return role;
}

void SetTime(const pqxx::field& field, google::protobuf::Timestamp* out) {
  *out = TimeUtil::MicrosecondsToTimestamp(field.as<int64_t>());
}

v1::Ticket TicketFromRow(const pqxx::row& r) {
  v1::Ticket t;
  t.set_id(r[0].as<std::string>());
  t.set_number(FormatNumber(r[1].as<int64_t>()));
  t.set_progressive(r[2].as<int>());
  t.set_subject(r[3].as<std::string>());
  t.set_company_id(r[4].as<std::string>());
  t.set_company_name(r[5].as<std::string>());
  v1::Ticket::Priority priority;
  if (v1::Ticket::Priority_Parse(r[6].as<std::string>(), &priority)) t.set_priority(priority);
  t.set_scope(r[7].as<std::string>());
  t.set_scope_name(r[8].as<std::string>());
  t.set_topic(r[9].as<std::string>());
  t.set_topic_name(r[10].as<std::string>());
  v1::Ticket::Status status;
  if (v1::Ticket::Status_Parse(r[11].as<std::string>(), &status)) t.set_status(status);
  v1::Ticket::Channel channel;
  if (v1::Ticket::Channel_Parse(r[12].as<std::string>(), &channel)) t.set_channel(channel);
  t.set_urgent_on_site(r[13].as<bool>());
  Person* publisher = t.mutable_published_by();
  publisher->set_id(r[14].as<std::string>());
  publisher->set_display_name(r[15].as<std::string>());
  publisher->set_role(ParseRole(r[16].as<std::string>()));
  if (!r[17].as<std::string>().empty()) {
    Person* assignee = t.mutable_assignee();
    assignee->set_id(r[17].as<std::string>());
    assignee->set_display_name(r[18].as<std::string>());
    assignee->set_role(ParseRole(r[19].as<std::string>()));
  }
  SetTime(r[20], t.mutable_created_at());
  if (!r[21].is_null()) SetTime(r[21], t.mutable_taken_at());
  if (!r[22].is_null()) SetTime(r[22], t.mutable_sla_due_at());
  if (!r[23].is_null()) SetTime(r[23], t.mutable_on_site_due_at());
  if (!r[24].is_null()) SetTime(r[24], t.mutable_closed_at());
  return t;
}

}  // namespace

absl::StatusOr<v1::Ticket> TicketStore::Create(const NewTicket& in) {
  const std::string id = ids::NewUuid();
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result catalog = tx.exec_params(sql::kCheckCatalog, in.scope, in.topic);
    if (catalog.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("scope: unknown scope \"", in.scope, "\""));
    }
    bool scope_has_topics = catalog[0][1].as<bool>();
    if (in.topic.empty()) {
      if (scope_has_topics) return absl::InvalidArgumentError("topic: required for this scope");
    } else if (catalog[0][2].is_null() || !catalog[0][3].as<bool>()) {
      return absl::InvalidArgumentError(absl::StrCat("topic: unknown topic \"", in.topic, "\""));
    } else if (catalog[0][2].as<std::string>() != in.scope) {
      return absl::InvalidArgumentError(
          absl::StrCat("topic: \"", in.topic, "\" does not belong to scope \"", in.scope, "\""));
    }

    int progressive = tx.exec_params1(sql::kNextProgressive, in.company_id)[0].as<int>();
    const Person& by = in.published_by;
    std::string priority = v1::Ticket::Priority_Name(in.priority);
    std::string channel = v1::Ticket::Channel_Name(in.channel);
    pqxx::row created = tx.exec_params1(sql::kInsertTicket, id, in.company_id, progressive,
                                        in.subject, priority, in.scope, in.topic, channel,
                                        in.urgent_on_site, by.id(), by.display_name(),
                                        RoleName(by.role()));
    tx.exec_params(sql::kInsertMessage, ids::NewUuid(), id, by.id(), by.display_name(),
                   RoleName(by.role()), false, in.note);
    tx.exec_params(sql::kInsertHistory, id, by.id(), by.display_name(), RoleName(by.role()),
                   "created", "", "OPEN", false);

    events::v1::TicketCreated event;
    *event.mutable_meta()->mutable_actor() = by;
    event.set_ticket_id(id);
    event.set_company_id(in.company_id);
    event.set_number(created[0].as<int64_t>());
    event.set_progressive(progressive);
    event.set_subject(in.subject);
    event.set_priority(priority);
    event.set_scope(in.scope);
    event.set_topic(in.topic);
    event.set_urgent_on_site(in.urgent_on_site);
    event.set_channel(channel);
    *event.mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(created[1].as<int64_t>());
    *event.mutable_meta()->mutable_occurred_at() = event.created_at();
    return events::Enqueue(tx, event).status();
  });
  if (!status.ok()) return status;
  return Get(id);
}

absl::StatusOr<v1::Ticket> TicketStore::Get(const std::string& id) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("ticket not found");
  return db::InTransaction<v1::Ticket>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Ticket> {
        pqxx::result rows = tx.exec_params(sql::kSelectTicket, id);
        if (rows.empty()) return absl::NotFoundError("ticket not found");
        return TicketFromRow(rows[0]);
      });
}

absl::StatusOr<std::optional<TicketStore::Company>> TicketStore::FindCompany(
    const std::string& id) {
  return db::InTransaction<std::optional<Company>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<Company>> {
        pqxx::result rows = tx.exec_params(sql::kSelectCompany, id);
        if (rows.empty()) return std::optional<Company>();
        return Company{rows[0][0].as<std::string>(), rows[0][1].as<bool>(),
                       rows[0][2].as<bool>()};
      });
}

absl::Status TicketStore::SaveCompany(const std::string& id, const Company& company) {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(sql::kUpsertCompany, id, company.name, company.active,
                   company.notification_email_set);
    return absl::OkStatus();
  });
}

}  // namespace helpdesk::ticket
