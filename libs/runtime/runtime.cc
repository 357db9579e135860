#include "libs/runtime/runtime.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/events/outbox_migrations.h"
#include "libs/log/log.h"
#include "libs/status/status_macros.h"

namespace helpdesk::runtime {
namespace {

absl::StatusOr<log::Level> ParseLevel(const std::string& text) {
  if (text == "debug") return log::Level::kDebug;
  if (text == "info") return log::Level::kInfo;
  if (text == "warn") return log::Level::kWarn;
  if (text == "error") return log::Level::kError;
  return absl::InvalidArgumentError(
      absl::StrCat("HELPDESK_LOG_LEVEL must be debug, info, warn or error, not \"", text, "\""));
}

}  // namespace

absl::StatusOr<std::pair<std::string, int>> ListenAddress(const config::Config& config,
                                                          std::string_view name,
                                                          const std::string& fallback) {
  std::string value = config.Get(name, fallback);
  size_t colon = value.rfind(':');
  int port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(value.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(config::Config::EnvName(name), " must be host:port, not \"", value, "\""));
  }
  return std::make_pair(value.substr(0, colon), port);
}

absl::StatusOr<std::shared_ptr<const auth::TokenVerifier>> LoadVerifier(
    const config::Config& config) {
  HELPDESK_ASSIGN_OR_RETURN(std::string path, config.Required("TOKEN_PUBLIC_KEY_FILE"));
  HELPDESK_ASSIGN_OR_RETURN(std::string hex, auth::ReadKeyFile(path));
  absl::StatusOr<auth::TokenVerifier> verifier = auth::TokenVerifier::FromPublicKeyHex(hex);
  if (!verifier.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("HELPDESK_TOKEN_PUBLIC_KEY_FILE ", path, ": ", verifier.status().message()));
  }
  return std::make_shared<const auth::TokenVerifier>(*std::move(verifier));
}

absl::StatusOr<std::unique_ptr<Runtime>> Runtime::Create(const ServiceSpec& spec,
                                                         config::Config config) {
  HELPDESK_RETURN_IF_ERROR(config.Validate());
  std::unique_ptr<Runtime> rt(new Runtime(std::move(config)));
  const config::Config& c = rt->config_;

  // Every setting is read before anything is connected, so a bad one is
  // reported without waiting on a network.
  HELPDESK_ASSIGN_OR_RETURN(log::Level level, ParseLevel(c.Get("LOG_LEVEL", "info")));
  log::SetMinLevel(level);
  HELPDESK_ASSIGN_OR_RETURN(
      auto grpc_listen, ListenAddress(c, "GRPC_LISTEN", absl::StrCat("0.0.0.0:", spec.grpc_port)));
  HELPDESK_ASSIGN_OR_RETURN(
      auto metrics_listen,
      ListenAddress(c, "METRICS_LISTEN", absl::StrCat("0.0.0.0:", spec.grpc_port + 90)));
  HELPDESK_ASSIGN_OR_RETURN(std::string database_url, c.Required("DATABASE_URL"));
  HELPDESK_ASSIGN_OR_RETURN(int pool_size, c.Int("DATABASE_POOL_SIZE", 8));
  HELPDESK_ASSIGN_OR_RETURN(std::string nats_url, c.Required("NATS_URL"));
  HELPDESK_ASSIGN_OR_RETURN(absl::Duration drain, c.Duration("DRAIN_TIMEOUT", absl::Seconds(10)));
  HELPDESK_ASSIGN_OR_RETURN(rt->verifier_, LoadVerifier(c));

  HELPDESK_ASSIGN_OR_RETURN(rt->pool_,
                            db::Pool::Connect({.url = database_url,
                                               .schema = c.Get("DATABASE_SCHEMA", spec.name),
                                               .size = pool_size,
                                               .statements = spec.statements,
                                               .application_name = spec.name}));
  HELPDESK_ASSIGN_OR_RETURN(rt->nats_, events::JetStream::Connect(nats_url, spec.name));
  std::vector<db::MigrationSet> migrations = {migrations::OutboxMigrations()};
  migrations.insert(migrations.end(), spec.migrations.begin(), spec.migrations.end());
  HELPDESK_RETURN_IF_ERROR(db::Migrate(*rt->pool_, migrations));
  HELPDESK_RETURN_IF_ERROR(rt->nats_->EnsureStream({}));
  rt->relay_ =
      std::make_unique<events::OutboxRelay>(*rt->pool_, *rt->nats_, events::RelayOptions{});

  rt->host_ = std::make_unique<server::ServiceHost>(
      server::HostOptions{.name = spec.name,
                          .grpc_address = absl::StrCat(grpc_listen.first, ":", grpc_listen.second),
                          .metrics_host = metrics_listen.first,
                          .metrics_port = metrics_listen.second,
                          .drain_timeout = drain});
  db::Pool* pool = rt->pool_.get();
  events::JetStream* nats = rt->nats_.get();
  rt->host_->AddHealthProbe("database", [pool] { return pool->Ping(); });
  rt->host_->AddHealthProbe("nats", [nats] { return nats->Healthy(); });
  return rt;
}

Runtime::~Runtime() {
  for (auto it = stoppers_.rbegin(); it != stoppers_.rend(); ++it) (*it)();
  stoppers_.clear();
  if (host_) host_->Shutdown();
  if (relay_) relay_->Stop();
}

absl::Status Runtime::Serve() {
  HELPDESK_RETURN_IF_ERROR(host_->Start(verifier_));
  relay_->Start();
  server::WaitForTerminationSignal();
  host_->Shutdown();
  for (auto it = stoppers_.rbegin(); it != stoppers_.rend(); ++it) (*it)();
  stoppers_.clear();
  relay_->Stop();
  return absl::OkStatus();
}

int Main(const ServiceSpec& spec, int argc, char** argv,
         const std::function<absl::Status(Runtime&)>& setup) {
  server::BlockTerminationSignals();
  log::Init(spec.name);
  absl::StatusOr<std::unique_ptr<Runtime>> rt =
      Runtime::Create(spec, config::Config::FromProcess(argc, argv));
  absl::Status status = rt.ok() ? setup(**rt) : rt.status();
  if (status.ok()) status = (*rt)->Serve();
  if (!status.ok()) {
    std::fprintf(stderr, "%s: cannot start: %s\n", spec.name.c_str(),
                 std::string(status.message()).c_str());
    return 2;
  }
  return 0;
}

}  // namespace helpdesk::runtime
