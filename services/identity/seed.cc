#include "services/identity/seed.h"

#include "libs/log/log.h"
#include "libs/status/status_macros.h"

namespace helpdesk::identity {

absl::Status Seed(const config::Config& config, IdentityStore& store, PasswordHasher& hasher) {
  std::string admin_password = config.Get("ADMIN_PASSWORD", "");
  if (!admin_password.empty()) {
    HELPDESK_ASSIGN_OR_RETURN(std::string hash, hasher.Hash(admin_password));
    HELPDESK_RETURN_IF_ERROR(
        store.UpsertStaff("admin", "Amministratore", "ADMINISTRATOR", "", hash));
    log::Info("administrator account ready", {{"username", "admin"}});
  }
  HELPDESK_ASSIGN_OR_RETURN(bool demo, config.Bool("DEMO", false));
  if (demo) {
    HELPDESK_ASSIGN_OR_RETURN(std::string hash, hasher.Hash(kDemoVatNumber));
    HELPDESK_ASSIGN_OR_RETURN(bool created,
                              store.EnsureCompany(kDemoCompanyName, kDemoVatNumber, hash));
    if (created) log::Info("demo company created", {{"vat_number", kDemoVatNumber}});
  }
  return absl::OkStatus();
}

}  // namespace helpdesk::identity
