// Table output of tickets, their conversation, history and the catalog.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/view_support.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using ticket::v1::Ticket;

std::string PersonText(const common::v1::Person& person) {
  if (person.id().empty() && person.display_name().empty()) return "";
  const std::string role = EnumText(common::v1::Person::Role_Name(person.role()));
  return role.empty() ? person.display_name()
                      : absl::StrCat(person.display_name(), " (", role, ")");
}

std::string Attachments(const ticket::v1::Message& m) {
  std::vector<std::string> parts;
  std::vector<std::string> images;
  for (const auto& image : m.images()) {
    images.push_back(
        absl::StrCat(image.filename(), " (", Size(image.size()), ", id ", image.id(), ")"));
  }
  if (!images.empty()) parts.push_back("images: " + absl::StrJoin(images, ", "));
  if (m.has_file()) {
    parts.push_back(absl::StrCat("file: ", m.file().filename(), " (", Size(m.file().size()),
                                 ", id ", m.file().id(), ")"));
  }
  return absl::StrJoin(parts, "; ");
}

}  // namespace

std::string TicketsTable(const ticket::v1::ListTicketsResponse& response,
                         const absl::TimeZone& zone) {
  Table table({"NUMBER", "SUBJECT", "COMPANY", "PRIORITY", "STATUS", "ASSIGNEE", "CREATED",
               "SLA DUE", "ID"});
  for (const Ticket& t : response.tickets()) {
    table.AddRow({t.number(), OneLine(t.subject(), 48), OneLine(t.company_name(), 24),
                  EnumText(Ticket::Priority_Name(t.priority())),
                  EnumText(Ticket::Status_Name(t.status())), t.assignee().display_name(),
                  FormatTimestamp(t.created_at(), t.has_created_at(), zone),
                  FormatTimestamp(t.sla_due_at(), t.has_sla_due_at(), zone), t.id()});
  }
  std::string out = table.rows() == 0 ? "No tickets.\n" : table.Render();
  if (!response.next_page_token().empty()) {
    absl::StrAppend(&out, "More: --page-token ", response.next_page_token(), "\n");
  }
  return out;
}

std::string BusinessTimeLeft(absl::Duration left) {
  const bool late = left < absl::ZeroDuration();
  const int64_t minutes = absl::ToInt64Minutes(late ? -left : left);
  return absl::StrFormat("%s%dh%02dm", late ? "late " : "", minutes / 60, minutes % 60);
}

std::string QueueTable(const ticket::v1::ListTicketsResponse& response,
                       const absl::TimeZone& zone) {
  Table table(
      {"NUMBER", "SUBJECT", "COMPANY", "PRIORITY", "SLA DUE", "LEFT", "SLA", "CREATED", "ID"});
  for (const Ticket& t : response.tickets()) {
    const std::string left =
        t.has_sla_due_at() ? BusinessTimeLeft(absl::Minutes(t.sla_remaining_minutes())) : "";
    table.AddRow({t.number(), OneLine(t.subject(), 48), OneLine(t.company_name(), 24),
                  EnumText(Ticket::Priority_Name(t.priority())),
                  FormatTimestamp(t.sla_due_at(), t.has_sla_due_at(), zone), left,
                  EnumText(Ticket::SlaState_Name(t.sla_state())),
                  FormatTimestamp(t.created_at(), t.has_created_at(), zone), t.id()});
  }
  std::string out = table.rows() == 0 ? "No open tickets.\n" : table.Render();
  if (!response.next_page_token().empty()) {
    absl::StrAppend(&out, "(the first ", response.tickets_size(), " open tickets only)\n");
  }
  return out;
}

std::string TicketDetails(const Ticket& t, const absl::TimeZone& zone) {
  const auto with_code = [](const std::string& name, const std::string& code) {
    if (code.empty()) return std::string();
    return name.empty() || name == code ? code : absl::StrCat(name, " (", code, ")");
  };
  return KeyValues({
      {"Number", t.number()},
      {"Id", t.id()},
      {"Progressive", t.progressive() > 0 ? absl::StrCat(t.progressive()) : ""},
      {"Subject", t.subject()},
      {"Company", with_code(t.company_name(), t.company_id())},
      {"Status", EnumText(Ticket::Status_Name(t.status()))},
      {"Priority", EnumText(Ticket::Priority_Name(t.priority()))},
      {"Scope", with_code(t.scope_name(), t.scope())},
      {"Topic", with_code(t.topic_name(), t.topic())},
      {"Channel", EnumText(Ticket::Channel_Name(t.channel()))},
      {"Urgent on-site", t.urgent_on_site() ? "yes" : ""},
      {"Published by", PersonText(t.published_by())},
      {"Assignee", PersonText(t.assignee())},
      {"Created", FormatTimestamp(t.created_at(), t.has_created_at(), zone)},
      {"Taken", FormatTimestamp(t.taken_at(), t.has_taken_at(), zone)},
      {"SLA due", FormatTimestamp(t.sla_due_at(), t.has_sla_due_at(), zone)},
      {"On-site due", FormatTimestamp(t.on_site_due_at(), t.has_on_site_due_at(), zone)},
      {"Closed", FormatTimestamp(t.closed_at(), t.has_closed_at(), zone)},
  });
}

std::string MessageText(const ticket::v1::Message& m, const absl::TimeZone& zone) {
  std::string out =
      absl::StrCat(FormatTimestamp(m.created_at(), m.has_created_at(), zone), "  ",
                   PersonText(m.author()), m.internal() ? "  [internal note]" : "", "\n");
  for (absl::string_view line :
       absl::StrSplit(absl::StripTrailingAsciiWhitespace(m.note()), '\n')) {
    absl::StrAppend(&out, "    ", OneLine(line), "\n");
  }
  const std::string attachments = Attachments(m);
  if (!attachments.empty()) absl::StrAppend(&out, "    ", attachments, "\n");
  return out;
}

std::string ThreadText(const ticket::v1::ListMessagesResponse& response,
                       const absl::TimeZone& zone) {
  std::string out;
  int n = 0;
  for (const ticket::v1::Message& m : response.messages()) {
    if (n > 0) out += "\n";
    absl::StrAppend(&out, "[", ++n, "] ", MessageText(m, zone));
  }
  return out.empty() ? "No messages.\n" : out;
}

std::string HistoryTable(const ticket::v1::GetHistoryResponse& response,
                         const absl::TimeZone& zone) {
  Table table({"AT", "BY", "WHAT", "FROM", "TO"});
  for (const ticket::v1::HistoryEvent& e : response.events()) {
    table.AddRow({FormatTimestamp(e.at(), e.has_at(), zone), PersonText(e.actor()), e.what(),
                  OneLine(e.from(), 40), OneLine(e.to(), 40)});
  }
  return table.rows() == 0 ? "No history.\n" : table.Render();
}

std::string CatalogTable(const ticket::v1::ListScopesResponse& response) {
  Table table({"CODE", "NAME", "ACTIVE"});
  for (const ticket::v1::Scope& scope : response.scopes()) {
    table.AddRow({scope.code(), scope.name(), YesNo(scope.active())});
    for (const ticket::v1::Topic& topic : scope.topics()) {
      table.AddRow({"  " + topic.code(), topic.name(), YesNo(topic.active())});
    }
  }
  return table.rows() == 0 ? "No scopes.\n" : table.Render();
}

}  // namespace helpdesk::helpdeskctl
