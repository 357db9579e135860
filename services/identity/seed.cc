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
    HELPDESK_ASSIGN_OR_RETURN(bool exists, store.CompanyExists(kDemoVatNumber));
    if (!exists) {
      HELPDESK_ASSIGN_OR_RETURN(std::string hash, hasher.Hash(kDemoVatNumber));
      NewCompany company;
      company.name = kDemoCompanyName;
      company.vat_number = kDemoVatNumber;
      absl::StatusOr<identity::v1::Company> created = store.CreateCompany(company, hash);
      // Two replicas starting together: the other one created it.
      if (!created.ok() && created.status().code() != absl::StatusCode::kAlreadyExists) {
        return created.status();
      }
      if (created.ok()) log::Info("demo company created", {{"vat_number", kDemoVatNumber}});
    }
  }
  return absl::OkStatus();
}

}  // namespace helpdesk::identity
