// Rows of the ticket service's queries as API messages (the column orders
// are those of sql.h).
#pragma once

#include <pqxx/row>
#include <string>

#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"

namespace helpdesk::ticket {

std::string RoleName(common::v1::Person::Role role);
common::v1::Person::Role ParseRole(const std::string& name);
void SetTime(const pqxx::field& field, google::protobuf::Timestamp* out);
common::v1::Person PersonOf(const pqxx::field& id, const pqxx::field& name,
                            const pqxx::field& role);
// kSelectTicket's columns.
v1::Ticket TicketFromRow(const pqxx::row& r);
// kListMessages' columns.
v1::Message MessageFromRow(const pqxx::row& r);
// The images and file stored with a message (LinkAttachmentsResponse JSON).
void SetMessageAttachments(const std::string& json, v1::Message* message);

}  // namespace helpdesk::ticket
