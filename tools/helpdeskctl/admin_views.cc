// Table output of accounts, catalog entries and the SLA report.
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "helpdesk/sla/v1/sla.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "tools/helpdeskctl/output.h"
#include "tools/helpdeskctl/view_support.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

std::string RoleText(common::v1::Person::Role role) {
  return EnumText(common::v1::Person::Role_Name(role));
}

std::string Hours(double hours) { return absl::StrFormat("%.2f", hours); }

}  // namespace

std::string AccountsTable(const identity::v1::ListAccountsResponse& response) {
  Table table({"USERNAME", "NAME", "ROLE", "E-MAIL", "LANGUAGE", "ACTIVE", "MUST CHANGE PASSWORD",
               "COMPANY", "ID"});
  for (const identity::v1::Account& a : response.accounts()) {
    table.AddRow({a.username(), OneLine(a.display_name(), 40), RoleText(a.role()), a.email(),
                  a.language(), YesNo(a.active()), YesNo(a.must_change_password()), a.company_id(),
                  a.id()});
  }
  std::string out = table.rows() == 0 ? "No accounts.\n" : table.Render();
  if (!response.next_page_token().empty()) {
    absl::StrAppend(&out, "More: --page-token ", response.next_page_token(), "\n");
  }
  return out;
}

std::string AccountDetails(const identity::v1::Account& a) {
  return KeyValues({
      {"Username", a.username()},
      {"Id", a.id()},
      {"Name", a.display_name()},
      {"Role", RoleText(a.role())},
      {"E-mail", a.email()},
      {"Language", a.language()},
      {"Company", a.company_id()},
      {"Active", YesNo(a.active())},
      {"Must change password", YesNo(a.must_change_password())},
  });
}

std::string ScopeDetails(const ticket::v1::Scope& scope) {
  std::string out = KeyValues({
      {"Scope", scope.code()},
      {"Name", scope.name()},
      {"Active", YesNo(scope.active())},
  });
  for (const ticket::v1::Topic& topic : scope.topics()) {
    absl::StrAppend(&out, "  ", topic.code(), "  ", topic.name(),
                    topic.active() ? "" : "  (retired)", "\n");
  }
  return out;
}

std::string TopicDetails(const ticket::v1::Topic& topic) {
  return KeyValues({
      {"Topic", topic.code()},
      {"Name", topic.name()},
      {"Active", YesNo(topic.active())},
  });
}

std::string SlaReportTable(const sla::v1::SlaReport& report,
                           const std::map<std::string, std::string>& company_names) {
  Table table({"COMPANY", "TAKEN ON TIME", "TAKEN LATE", "ON TIME %", "OPEN PAST DUE",
               "MEDIAN TAKE (H)", "P90 TAKE (H)", "COMPANY ID"});
  for (const sla::v1::SlaCompanyReport& c : report.companies()) {
    const int taken = c.taken_on_time() + c.taken_late();
    auto name = company_names.find(c.company_id());
    table.AddRow({name == company_names.end() ? "" : OneLine(name->second, 40),
                  absl::StrCat(c.taken_on_time()), absl::StrCat(c.taken_late()),
                  taken == 0 ? "" : absl::StrFormat("%.1f", 100.0 * c.taken_on_time() / taken),
                  absl::StrCat(c.open_past_due()), Hours(c.median_take_hours()),
                  Hours(c.p90_take_hours()), c.company_id()});
  }
  return table.rows() == 0 ? "No tickets in the period.\n" : table.Render();
}

}  // namespace helpdesk::helpdeskctl
