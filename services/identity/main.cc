// The identity service: companies, accounts, sessions, passwords.
// Besides the settings of libs/runtime/runtime.h it reads
// TOKEN_PRIVATE_KEY_FILE (required), ACCESS_TOKEN_TTL (default 15m) and the
// seeding settings of seed.h.
#include "libs/runtime/runtime.h"
#include "libs/status/status_macros.h"
#include "services/identity/identity_service.h"
#include "services/identity/migrations.h"
#include "services/identity/seed.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main(
      {.name = "identity", .grpc_port = 9101, .migrations = {migrations::Identity()}}, argc, argv,
      [](runtime::Runtime& rt) -> absl::Status {
        const config::Config& config = rt.config();
        HELPDESK_ASSIGN_OR_RETURN(std::string key_file, config.Required("TOKEN_PRIVATE_KEY_FILE"));
        HELPDESK_ASSIGN_OR_RETURN(std::string seed_hex, auth::ReadKeyFile(key_file));
        HELPDESK_ASSIGN_OR_RETURN(auth::TokenSigner signer, auth::TokenSigner::FromSeedHex(seed_hex));
        HELPDESK_ASSIGN_OR_RETURN(absl::Duration ttl,
                                  config.Duration("ACCESS_TOKEN_TTL", absl::Minutes(15)));
        static identity::PasswordHasher hasher({});
        static identity::IdentityStore store(rt.pool());
        HELPDESK_RETURN_IF_ERROR(identity::Seed(config, store, hasher));
        static identity::IdentityServiceImpl service(store, hasher, std::move(signer), ttl);
        rt.host().AddService(&service, identity::v1::IdentityService::service_full_name());
        return absl::OkStatus();
      });
}
