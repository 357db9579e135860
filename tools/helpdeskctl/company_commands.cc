// companies create|list|show|update|disable|enable|import (IdentityService).
#include <google/protobuf/struct.pb.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "libs/billing/money.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/company_import.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"
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

// UpdateCompany with only `active`: what `update --inactive` / `--active` do.
absl::Status SetActive(Context& ctx, const std::string& id, bool active) {
  identity::v1::UpdateCompanyRequest request;
  request.set_id(id);
  request.set_active(active);
  Company company;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kUpdate, request, &company));
  return ctx.Print(company, [&] { return CompanyDetails(company, ctx.zone()); });
}

absl::StatusOr<std::string> ReadFileOrStdin(Context& ctx, const std::string& path) {
  std::stringstream text;
  if (path == "-") {
    text << ctx.io().in->rdbuf();
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return UsageError(absl::StrCat(path, ": cannot be read"));
  text << file.rdbuf();
  return text.str();
}

// Whether an error is about the call rather than the line: stop importing.
bool StopsTheImport(const absl::Status& status) {
  const ExitCode code = ExitCodeOf(status);
  return code == ExitCode::kUnauthenticated || code == ExitCode::kPermissionDenied ||
         code == ExitCode::kUnavailable;
}

absl::StatusOr<std::string> ImportJson(const std::vector<CompanyImportResult>& results,
                                       const std::vector<Company>& companies) {
  google::protobuf::Struct report;
  google::protobuf::ListValue* lines = (*report.mutable_fields())["lines"].mutable_list_value();
  int created = 0;
  size_t next_company = 0;
  for (const CompanyImportResult& r : results) {
    google::protobuf::Struct* line = lines->add_values()->mutable_struct_value();
    auto& fields = *line->mutable_fields();
    fields["line"].set_number_value(r.line);
    fields["name"].set_string_value(r.name);
    fields["vatNumber"].set_string_value(r.vat_number);
    fields["created"].set_bool_value(r.created);
    if (r.created) {
      ++created;
      HELPDESK_ASSIGN_OR_RETURN(fields["company"], ToJsonValue(companies[next_company++]));
    } else {
      fields["error"].set_string_value(r.reason);
    }
  }
  (*report.mutable_fields())["created"].set_number_value(created);
  (*report.mutable_fields())["failed"].set_number_value(results.size() - created);
  return ToJson(report);
}

// One CreateCompany per good record, in file order; bad records are
// reported beside them. Exit 1 when any line failed.
absl::Status Import(Context& ctx, const std::string& path) {
  HELPDESK_ASSIGN_OR_RETURN(std::string text, ReadFileOrStdin(ctx, path));
  absl::StatusOr<CompanyImport> parsed = ParseCompaniesCsv(text);
  if (!parsed.ok()) return UsageError(absl::StrCat(path, ": ", parsed.status().message()));
  std::vector<CompanyImportResult> results;
  for (const CompanyImportError& e : parsed->errors) {
    results.push_back({e.line, e.name, e.vat_number, false, "", e.reason});
  }
  std::vector<Company> companies;  // the created ones, in line order
  absl::Status stopped;
  for (const CompanyImportRow& row : parsed->rows) {
    CompanyImportResult result{row.line, row.request.name(), row.request.vat_number()};
    if (!stopped.ok()) {
      result.reason = "not tried";
    } else {
      Company company;
      absl::Status status = ctx.Call(kCreate, row.request, &company);
      if (status.ok()) {
        result.created = true;
        result.company_id = company.id();
        companies.push_back(std::move(company));
      } else {
        result.reason = std::string(status.message());
        if (StopsTheImport(status)) stopped = status;
      }
    }
    results.push_back(std::move(result));
  }
  std::stable_sort(
      results.begin(), results.end(),
      [](const CompanyImportResult& a, const CompanyImportResult& b) { return a.line < b.line; });
  std::string json;
  if (ctx.json()) {
    HELPDESK_ASSIGN_OR_RETURN(json, ImportJson(results, companies));
  }
  HELPDESK_RETURN_IF_ERROR(ctx.PrintJsonOr(json, [&] { return ImportReportTable(results); }));
  if (!stopped.ok()) return stopped;
  const size_t failed = results.size() - companies.size();
  if (failed > 0) {
    return WithExitCode(absl::InvalidArgumentError(absl::StrCat(failed, " of ", results.size(),
                                                                " lines not imported (see above)")),
                        ExitCode::kFailed);
  }
  return absl::OkStatus();
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

  CLI::App* disable = Command(companies, "disable",
                              "Disable a company: no new tickets; its contacts can no longer "
                              "sign in (the same as update --inactive)");
  auto disable_id = std::make_shared<std::string>();
  disable->add_option("id", *disable_id, "Company id")->required();
  OnRun(disable, ctx, [&ctx, disable_id] { return SetActive(ctx, *disable_id, false); });

  CLI::App* enable =
      Command(companies, "enable", "Enable a disabled company again (update --active)");
  auto enable_id = std::make_shared<std::string>();
  enable->add_option("id", *enable_id, "Company id")->required();
  OnRun(enable, ctx, [&ctx, enable_id] { return SetActive(ctx, *enable_id, true); });

  CLI::App* import = Command(companies, "import",
                             "Create companies from a CSV file, one per line, with a report per "
                             "line (header: name,vatNumber[,notificationEmail,language,"
                             "hourlyRate,urgentCallFee,calendar]); exit 1 if any line failed");
  auto import_path = std::make_shared<std::string>();
  import->add_option("file", *import_path, "The CSV file (- = standard input)")->required();
  OnRun(import, ctx, [&ctx, import_path] { return Import(ctx, *import_path); });
}

}  // namespace helpdesk::helpdeskctl
