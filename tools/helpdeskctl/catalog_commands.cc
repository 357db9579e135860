// catalog list, catalog scope add|rename|retire|restore and catalog topic
// add|rename|retire|restore (TicketService). A topic's code starts with its
// scope's code and a dot (ARXIVAR.WORKFLOW), so its scope is read from it.
#include <memory>
#include <string>

#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/commands.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/views.h"

namespace helpdesk::helpdeskctl {
namespace {

constexpr char kListScopes[] = "helpdesk.ticket.v1.TicketService.ListScopes";
constexpr char kCreateScope[] = "helpdesk.ticket.v1.TicketService.CreateScope";
constexpr char kUpdateScope[] = "helpdesk.ticket.v1.TicketService.UpdateScope";
constexpr char kCreateTopic[] = "helpdesk.ticket.v1.TicketService.CreateTopic";
constexpr char kUpdateTopic[] = "helpdesk.ticket.v1.TicketService.UpdateTopic";

struct EntryFlags {
  std::string code;
  std::string name;
};

absl::Status List(Context& ctx, bool include_retired) {
  ticket::v1::ListScopesRequest request;
  request.set_include_retired(include_retired);
  ticket::v1::ListScopesResponse response;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kListScopes, request, &response));
  return ctx.Print(response, [&] { return CatalogTable(response); });
}

absl::Status AddScope(Context& ctx, const EntryFlags& flags) {
  ticket::v1::CreateScopeRequest request;
  request.set_code(flags.code);
  request.set_name(flags.name);
  ticket::v1::Scope scope;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kCreateScope, request, &scope));
  return ctx.Print(scope, [&] { return ScopeDetails(scope); });
}

// A rename (name given) or a retirement or restoration (active given).
absl::Status UpdateScope(Context& ctx, const std::string& code, const std::string* name,
                         const bool* active) {
  ticket::v1::UpdateScopeRequest request;
  request.set_code(code);
  if (name != nullptr) request.set_name(*name);
  if (active != nullptr) request.set_active(*active);
  ticket::v1::Scope scope;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kUpdateScope, request, &scope));
  return ctx.Print(scope, [&] { return ScopeDetails(scope); });
}

absl::Status AddTopic(Context& ctx, const EntryFlags& flags) {
  const size_t dot = flags.code.find('.');
  if (dot == std::string::npos || dot == 0) {
    return UsageError(
        "code: a topic's code is its scope's code, a dot and more (ARXIVAR.WORKFLOW)");
  }
  ticket::v1::CreateTopicRequest request;
  request.set_scope(flags.code.substr(0, dot));
  request.set_code(flags.code);
  request.set_name(flags.name);
  ticket::v1::Topic topic;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kCreateTopic, request, &topic));
  return ctx.Print(topic, [&] { return TopicDetails(topic); });
}

absl::Status UpdateTopic(Context& ctx, const std::string& code, const std::string* name,
                         const bool* active) {
  ticket::v1::UpdateTopicRequest request;
  request.set_code(code);
  if (name != nullptr) request.set_name(*name);
  if (active != nullptr) request.set_active(*active);
  ticket::v1::Topic topic;
  HELPDESK_RETURN_IF_ERROR(ctx.Call(kUpdateTopic, request, &topic));
  return ctx.Print(topic, [&] { return TopicDetails(topic); });
}

using Updater = absl::Status (*)(Context&, const std::string&, const std::string*, const bool*);

// add CODE --name N, rename CODE --name N, retire CODE, restore CODE.
void AddEntryCommands(CLI::App* group, Context& ctx, const std::string& what,
                      const std::string& code_help,
                      absl::Status (*add)(Context&, const EntryFlags&), Updater update) {
  static const bool kRetired = false;
  static const bool kActive = true;

  CLI::App* add_command = Command(group, "add", "Add a " + what);
  auto add_flags = std::make_shared<EntryFlags>();
  add_command->add_option("code", add_flags->code, code_help)->required();
  add_command->add_option("--name", add_flags->name, "Name shown to customers")->required();
  OnRun(add_command, ctx, [&ctx, add_flags, add] { return add(ctx, *add_flags); });

  CLI::App* rename = Command(group, "rename", "Rename a " + what + " (its code stays)");
  auto rename_flags = std::make_shared<EntryFlags>();
  rename->add_option("code", rename_flags->code, code_help)->required();
  rename->add_option("--name", rename_flags->name, "The new name")->required();
  OnRun(rename, ctx, [&ctx, rename_flags, update] {
    return update(ctx, rename_flags->code, &rename_flags->name, nullptr);
  });

  CLI::App* retire = Command(
      group, "retire", "Retire a " + what + ": no new tickets with it; existing tickets keep it");
  auto retire_code = std::make_shared<std::string>();
  retire->add_option("code", *retire_code, code_help)->required();
  OnRun(retire, ctx,
        [&ctx, retire_code, update] { return update(ctx, *retire_code, nullptr, &kRetired); });

  CLI::App* restore = Command(group, "restore", "Make a retired " + what + " active again");
  auto restore_code = std::make_shared<std::string>();
  restore->add_option("code", *restore_code, code_help)->required();
  OnRun(restore, ctx,
        [&ctx, restore_code, update] { return update(ctx, *restore_code, nullptr, &kActive); });
}

}  // namespace

void AddCatalogCommands(CLI::App& app, Context& ctx) {
  CLI::App* catalog = Group(&app, "catalog", "Scopes (Ambito) and topics (Argomento)");
  CLI::App* list = Command(catalog, "list", "List scopes and their topics");
  auto include_retired = std::make_shared<bool>(false);
  list->add_flag("--include-retired", *include_retired, "Retired scopes and topics too");
  OnRun(list, ctx, [&ctx, include_retired] { return List(ctx, *include_retired); });

  CLI::App* scope = Group(catalog, "scope", "Add, rename, retire or restore a scope");
  AddEntryCommands(scope, ctx, "scope", "Scope code, like XCROSS_ERP", &AddScope, &UpdateScope);
  CLI::App* topic = Group(catalog, "topic", "Add, rename, retire or restore a topic");
  AddEntryCommands(topic, ctx, "topic",
                   "Topic code: the scope's code, a dot, more (ARXIVAR.WORKFLOW)", &AddTopic,
                   &UpdateTopic);
}

}  // namespace helpdesk::helpdeskctl
