// companies create|list|show|update (IdentityService).
#include <memory>
#include <string>

#include "helpdesk/identity/v1/identity.pb.h"
#include "libs/billing/money.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using identity::v1::Company;

constexpr char kCreate[] = "helpdesk.identity.v1.IdentityService.CreateCompany";
constexpr char kList[] = "helpdesk.identity.v1.IdentityService.ListCompanies";
constexpr char kGet[] = "helpdesk.identity.v1.IdentityService.GetCompany";
constexpr char kUpdate[] = "helpdesk.identity.v1.IdentityService.UpdateCompany";

struct CompanyFlags {
  std::string id;
  std::string name;
  std::string vat;
  std::string email;
  std::string language;
  std::string hourly_rate;  // euros
  std::string urgent_fee;   // euros
  std::string calendar;
  int active = 0;  // +1 --active, -1 --inactive
  bool ContractGiven() const {
    return !hourly_rate.empty() || !urgent_fee.empty() || !calendar.empty();
  }
};

struct ListFlags {
  std::string query;
  int page_size = 50;
  std::string page_token;
};

// The contract flags over `contract` (the current one, or the defaults).
absl::Status ApplyContract(const CompanyFlags& flags, identity::v1::Contract* contract) {
  if (!flags.hourly_rate.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(int64_t cents,
                              billing::ParseEuros(flags.hourly_rate, "--hourly-rate"));
    contract->set_hourly_rate_cents(cents);
  }
  if (!flags.urgent_fee.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(int64_t cents, billing::ParseEuros(flags.urgent_fee, "--urgent-fee"));
    contract->set_urgent_call_fee_cents(cents);
  }
  if (!flags.calendar.empty()) contract->set_calendar(flags.calendar);
  return absl::OkStatus();
}

absl::Status Create(Context& ctx, const CompanyFlags& flags) {
  identity::v1::CreateCompanyRequest request;
  request.set_name(flags.name);
  request.set_vat_number(flags.vat);
  request.set_notification_email(flags.email);
  request.set_language(flags.language);
  if (flags.ContractGiven()) {
    request.mutable_contract()->set_hourly_rate_cents(6000);  // SPEC §7's default
    HELPDESK_RETURN_IF_ERROR(AsUsageError(ApplyContract(flags, request.mutable_contract())));
  }
  Company company;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kCreate, request, &company));
  return ctx.Print(company, [&] {
    return CompanyDetails(company, ctx.zone()) +
           "Portal account: username and first password are the VAT number (expired at first "
           "login).\n";
  });
}

absl::Status List(Context& ctx, const ListFlags& flags) {
  identity::v1::ListCompaniesRequest request;
  request.set_q(flags.query);
  request.set_page_size(flags.page_size);
  request.set_page_token(flags.page_token);
  identity::v1::ListCompaniesResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kList, request, &response));
  return ctx.Print(response, [&] { return CompaniesTable(response); });
}

absl::Status Show(Context& ctx, const std::string& id) {
  identity::v1::GetCompanyRequest request;
  request.set_id(id);
  Company company;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kGet, request, &company));
  return ctx.Print(company, [&] { return CompanyDetails(company, ctx.zone()); });
}

absl::Status Update(Context& ctx, const CompanyFlags& flags) {
  identity::v1::UpdateCompanyRequest request;
  request.set_id(flags.id);
  if (!flags.name.empty()) request.set_name(flags.name);
  if (!flags.email.empty()) request.set_notification_email(flags.email);
  if (flags.active != 0) request.set_active(flags.active > 0);
  if (flags.ContractGiven()) {
    // The contract is replaced as a whole: start from the current one.
    identity::v1::GetCompanyRequest get;
    get.set_id(flags.id);
    Company current;
    HELPDESK_RETURN_IF_ERROR(ctx.Call(kGet, get, &current));
    *request.mutable_contract() = current.contract();
    HELPDESK_RETURN_IF_ERROR(AsUsageError(ApplyContract(flags, request.mutable_contract())));
  }
  if (!request.has_name() && !request.has_notification_email() && !request.has_active() &&
      !request.has_contract()) {
    return UsageError(
        "nothing to change: give --name, --email, --hourly-rate, --urgent-fee, "
        "--calendar, --active or --inactive");
  }
  Company company;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kUpdate, request, &company));
  return ctx.Print(company, [&] { return CompanyDetails(company, ctx.zone()); });
}

void AddContractFlags(CLI::App* command, CompanyFlags& flags) {
  command->add_option("--hourly-rate", flags.hourly_rate, "Hourly rate in euros, like 60.00");
  command->add_option("--urgent-fee", flags.urgent_fee, "Urgent-call fee in euros, like 50.00");
  command->add_option("--calendar", flags.calendar, "Business calendar (default: the default)");
}

}  // namespace

void AddCompanyCommands(CLI::App& app, Context& ctx) {
  CLI::App* companies = Group(&app, "companies", "Customer companies and their contracts");

  CLI::App* create = Command(companies, "create",
                             "Create a company and its portal account (username and first "
                             "password: the VAT number)");
  auto create_flags = std::make_shared<CompanyFlags>();
  create->add_option("--name", create_flags->name, "Legal name")->required();
  create->add_option("--vat", create_flags->vat, "VAT number (partita IVA, 11 digits)")->required();
  create->add_option("--email", create_flags->email, "Notification e-mail");
  create->add_option("--language", create_flags->language, "Language of its e-mails")
      ->check(CLI::IsMember({"it", "en"}));
  AddContractFlags(create, *create_flags);
  OnRun(create, ctx, [&ctx, create_flags] { return Create(ctx, *create_flags); });

  CLI::App* list = Command(companies, "list", "List companies by name");
  auto list_flags = std::make_shared<ListFlags>();
  list->add_option("-q,--query", list_flags->query, "Name or VAT number contains");
  list->add_option("--page-size", list_flags->page_size, "Companies per page (1-200)")
      ->capture_default_str();
  list->add_option("--page-token", list_flags->page_token, "The next page, from a previous list");
  OnRun(list, ctx, [&ctx, list_flags] { return List(ctx, *list_flags); });

  CLI::App* show = Command(companies, "show", "Show a company");
  auto show_id = std::make_shared<std::string>();
  show->add_option("id", *show_id, "Company id")->required();
  OnRun(show, ctx, [&ctx, show_id] { return Show(ctx, *show_id); });

  CLI::App* update =
      Command(companies, "update", "Change a company's name, e-mail, contract, or disable it");
  auto update_flags = std::make_shared<CompanyFlags>();
  update->add_option("id", update_flags->id, "Company id")->required();
  update->add_option("--name", update_flags->name, "Legal name");
  update->add_option("--email", update_flags->email, "Notification e-mail");
  AddContractFlags(update, *update_flags);
  update->add_flag("--active{1},--inactive{-1}", update_flags->active,
                   "Enable or disable the company");
  OnRun(update, ctx, [&ctx, update_flags] { return Update(ctx, *update_flags); });
}

}  // namespace helpdesk::helpdeskctl
