// The identity service: companies, accounts, sessions, passwords.
// Besides the settings of libs/runtime/runtime.h it reads
// TOKEN_PRIVATE_KEY_FILE (required), PUBLIC_URL (the portal, for e-mailed
// links; default http://127.0.0.1:8080), ACCESS_TOKEN_TTL (15m),
// REFRESH_TOKEN_TTL (720h), RESET_TOKEN_TTL (30m), LOGIN_MAX_ATTEMPTS (5 per
// LOGIN_WINDOW, 15m; then locked for LOGIN_LOCK, 15m), ADDRESS_MAX_ATTEMPTS
// (100 per window from one client address), PASSWORD_HASH_CONCURRENCY (2),
// and the seeding settings of seed.h.
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
        HELPDESK_ASSIGN_OR_RETURN(auth::TokenSigner signer,
                                  auth::TokenSigner::FromSeedHex(seed_hex));
        identity::IdentitySettings settings;
        HELPDESK_ASSIGN_OR_RETURN(settings.access_token_ttl,
                                  config.Duration("ACCESS_TOKEN_TTL", settings.access_token_ttl));
        HELPDESK_ASSIGN_OR_RETURN(settings.refresh_token_ttl,
                                  config.Duration("REFRESH_TOKEN_TTL", settings.refresh_token_ttl));
        HELPDESK_ASSIGN_OR_RETURN(settings.reset_token_ttl,
                                  config.Duration("RESET_TOKEN_TTL", settings.reset_token_ttl));
        settings.public_url = config.Get("PUBLIC_URL", settings.public_url);
        HELPDESK_ASSIGN_OR_RETURN(settings.account_throttle.max_attempts,
                                  config.Int("LOGIN_MAX_ATTEMPTS", 5));
        HELPDESK_ASSIGN_OR_RETURN(settings.address_throttle.max_attempts,
                                  config.Int("ADDRESS_MAX_ATTEMPTS", 100));
        HELPDESK_ASSIGN_OR_RETURN(absl::Duration window,
                                  config.Duration("LOGIN_WINDOW", absl::Minutes(15)));
        HELPDESK_ASSIGN_OR_RETURN(absl::Duration lock,
                                  config.Duration("LOGIN_LOCK", absl::Minutes(15)));
        settings.account_throttle.window = settings.address_throttle.window = window;
        settings.account_throttle.lock = settings.address_throttle.lock = lock;
        HELPDESK_ASSIGN_OR_RETURN(int hash_concurrency, config.Int("PASSWORD_HASH_CONCURRENCY", 2));
        static identity::PasswordHasher hasher({.max_concurrent = std::max(1, hash_concurrency)});
        static identity::IdentityStore store(rt.pool());
        HELPDESK_RETURN_IF_ERROR(identity::Seed(config, store, hasher));
        static identity::IdentityServiceImpl service(store, hasher, std::move(signer), settings);
        rt.host().AddService(&service, identity::v1::IdentityService::service_full_name());
        return absl::OkStatus();
      });
}
