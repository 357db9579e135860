#include "services/ticket/rows.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "helpdesk/attachment/v1/attachment.pb.h"
#include "services/ticket/format.h"

namespace helpdesk::ticket {

using common::v1::Person;

std::string RoleName(common::v1::Person::Role role) { return Person::Role_Name(role); }

common::v1::Person::Role ParseRole(const std::string& name) {
  Person::Role role = Person::ROLE_UNSPECIFIED;
  Person::Role_Parse(name, &role);
  return role;
}

void SetTime(const pqxx::field& field, google::protobuf::Timestamp* out) {
  *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(field.as<int64_t>());
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

common::v1::Person PersonOf(const pqxx::field& id, const pqxx::field& name,
                            const pqxx::field& role) {
  Person person;
  person.set_id(id.as<std::string>());
  person.set_display_name(name.as<std::string>());
  person.set_role(ParseRole(role.as<std::string>()));
  return person;
}

v1::Message MessageFromRow(const pqxx::row& r) {
  v1::Message m;
  m.set_id(r[0].as<std::string>());
  *m.mutable_author() = PersonOf(r[1], r[2], r[3]);
  m.set_internal(r[4].as<bool>());
  m.set_note(r[5].as<std::string>());
  SetTime(r[6], m.mutable_created_at());
  if (r.size() > 7) SetMessageAttachments(r[7].as<std::string>(), &m);
  return m;
}

void SetMessageAttachments(const std::string& json, v1::Message* message) {
  if (json.empty()) return;
  attachment::v1::LinkAttachmentsResponse linked;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(json, &linked, options).ok()) return;
  *message->mutable_images() = linked.images();
  if (linked.has_file()) *message->mutable_file() = linked.file();
}

}  // namespace helpdesk::ticket
