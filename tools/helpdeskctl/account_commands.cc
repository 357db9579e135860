// accounts create|list|disable|expire-password (staff accounts) and
// contacts create|list (a company's CUSTOMER accounts), IdentityService.
// A password set here is a first password: expired until its owner changes
// it at the first sign-in.
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

using common::v1::Person;
using identity::v1::Account;

constexpr char kCreate[] = "helpdesk.identity.v1.IdentityService.CreateAccount";
constexpr char kList[] = "helpdesk.identity.v1.IdentityService.ListAccounts";
constexpr char kDisable[] = "helpdesk.identity.v1.IdentityService.DisableAccount";
constexpr char kExpire[] = "helpdesk.identity.v1.IdentityService.ExpirePassword";

struct CreateFlags {
  std::string username, display_name, role, email, language, company;
  bool password_stdin = false;
};

struct ListFlags {
  std::string role, company, page_token;
  int page_size = 50;
};

Person::Role RoleOf(const std::string& name) {
  Person::Role role = Person::ROLE_UNSPECIFIED;
  if (!name.empty()) Person::Role_Parse(absl::AsciiStrToUpper(name), &role);
  return role;
}

// The first password: the first line of standard input, or typed without
// echo on the terminal.
absl::StatusOr<std::string> ReadFirstPassword(Context& ctx, const CreateFlags& flags) {
  std::string password;
  if (flags.password_stdin) {
    std::getline(*ctx.io().in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else {
    absl::StatusOr<std::string> typed =
        ctx.io().read_password(absl::StrCat("First password for ", flags.username, ": "));
    if (!typed.ok()) return UsageError(typed.status().message());
    password = *std::move(typed);
  }
  if (password.empty()) return UsageError("the password is empty");
  return password;
}

absl::Status Create(Context& ctx, const CreateFlags& flags, Person::Role role) {
  HELPDESK_ASSIGN_OR_RETURN(std::string password, ReadFirstPassword(ctx, flags));
  identity::v1::CreateAccountRequest request;
  request.set_username(flags.username);
  request.set_display_name(flags.display_name.empty() ? flags.username : flags.display_name);
  request.set_role(role);
  request.set_email(flags.email);
  request.set_language(flags.language);
  request.set_company_id(flags.company);
  request.set_password(password);
  Account account;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kCreate, request, &account));
  return ctx.Print(account, [&] {
    return AccountDetails(account) +
           "The password is a first password: it must be changed at the first sign-in.\n";
  });
}

absl::Status List(Context& ctx, const ListFlags& flags, Person::Role role) {
  identity::v1::ListAccountsRequest request;
  request.set_company_id(flags.company);
  request.set_role(role);
  request.set_page_size(flags.page_size);
  request.set_page_token(flags.page_token);
  identity::v1::ListAccountsResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kList, request, &response));
  return ctx.Print(response, [&] { return AccountsTable(response); });
}

template <typename Request>
absl::Status OnAccount(Context& ctx, const char* method, const std::string& id) {
  Request request;
  request.set_id(id);
  Account account;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(method, request, &account));
  return ctx.Print(account, [&] { return AccountDetails(account); });
}

void AddCommonCreateFlags(CLI::App* create, CreateFlags& flags) {
  create->add_option("-u,--username", flags.username, "Username to sign in with")->required();
  create->add_option("--email", flags.email, "E-mail address")->required();
  create->add_option("--language", flags.language, "Language of its e-mails: it or en")
      ->check(CLI::IsMember({"it", "en"}));
  create->add_flag("--password-stdin", flags.password_stdin,
                   "Read the first password from the first line of standard input (else it is "
                   "asked on the terminal)");
}

void AddPageFlags(CLI::App* list, ListFlags& flags) {
  list->add_option("--page-size", flags.page_size, "Accounts per page (1-200)")
      ->capture_default_str();
  list->add_option("--page-token", flags.page_token, "The next page, from a previous list");
}

}  // namespace

void AddAccountCommands(CLI::App& app, Context& ctx) {
  CLI::App* accounts = Group(&app, "accounts", "Staff accounts (consultants, administrators)");

  CLI::App* create = Command(accounts, "create",
                             "Create a staff account; its password is a first password, "
                             "expired until changed");
  auto cf = std::make_shared<CreateFlags>();
  AddCommonCreateFlags(create, *cf);
  create->add_option("--name", cf->display_name, "Display name (default: the username)");
  create->add_option("--role", cf->role, "consultant or administrator")
      ->required()
      ->check(CLI::IsMember({"consultant", "administrator"}, CLI::ignore_case));
  OnRun(create, ctx, [&ctx, cf] { return Create(ctx, *cf, RoleOf(cf->role)); });

  CLI::App* list = Command(accounts, "list", "List accounts (every role unless --role)");
  auto lf = std::make_shared<ListFlags>();
  list->add_option("--role", lf->role, "consultant, administrator or customer")
      ->check(CLI::IsMember({"consultant", "administrator", "customer"}, CLI::ignore_case));
  list->add_option("--company", lf->company, "Only this company's contacts (id)");
  AddPageFlags(list, *lf);
  OnRun(list, ctx, [&ctx, lf] { return List(ctx, *lf, RoleOf(lf->role)); });

  CLI::App* disable = Command(accounts, "disable",
                              "Disable an account: its sessions end and it can no longer sign in");
  auto disable_id = std::make_shared<std::string>();
  disable->add_option("id", *disable_id, "Account id")->required();
  OnRun(disable, ctx, [&ctx, disable_id] {
    return OnAccount<identity::v1::DisableAccountRequest>(ctx, kDisable, *disable_id);
  });

  CLI::App* expire = Command(accounts, "expire-password",
                             "Expire an account's password: it must be changed at the next "
                             "sign-in");
  auto expire_id = std::make_shared<std::string>();
  expire->add_option("id", *expire_id, "Account id")->required();
  OnRun(expire, ctx, [&ctx, expire_id] {
    return OnAccount<identity::v1::ExpirePasswordRequest>(ctx, kExpire, *expire_id);
  });

  CLI::App* contacts = Group(&app, "contacts",
                             "A company's named contacts (portal accounts); disable them with "
                             "accounts disable");
  CLI::App* contact = Command(contacts, "create",
                              "Create a contact of a company; its password is a first password, "
                              "expired until changed");
  auto contact_flags = std::make_shared<CreateFlags>();
  contact->add_option("--company", contact_flags->company, "Company id")->required();
  AddCommonCreateFlags(contact, *contact_flags);
  contact->add_option("--name", contact_flags->display_name,
                      "Display name (default: the username)");
  OnRun(contact, ctx,
        [&ctx, contact_flags] { return Create(ctx, *contact_flags, Person::CUSTOMER); });

  CLI::App* contact_list = Command(contacts, "list", "List a company's contacts");
  auto clf = std::make_shared<ListFlags>();
  contact_list->add_option("--company", clf->company, "Company id")->required();
  AddPageFlags(contact_list, *clf);
  OnRun(contact_list, ctx, [&ctx, clf] { return List(ctx, *clf, Person::CUSTOMER); });
}

}  // namespace helpdesk::helpdeskctl
