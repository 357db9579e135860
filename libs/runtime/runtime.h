// What every backend service's main needs, built once from configuration:
// the database pool with the service's migrations applied, the NATS
// connection with the event stream, the outbox relay, the token verifier and
// the gRPC host with its health probes.
//
//   int main(int argc, char** argv) {
//     return runtime::Main({.name = "ticket", .grpc_port = 9102,
//                           .migrations = {migrations::Ticket()}},
//                          argc, argv, [](runtime::Runtime& rt) -> absl::Status {
//       static ticket::TicketServiceImpl service(rt.pool());
//       rt.host().AddService(&service, ticket::v1::TicketService::service_full_name());
//       return absl::OkStatus();
//     });
//   }
//
// Settings (environment HELPDESK_X or flag --x):
//   GRPC_LISTEN            host:port of the gRPC server (default 0.0.0.0:<grpc_port>)
//   METRICS_LISTEN         host:port of /metrics and /healthz (default 0.0.0.0:<grpc_port+90>)
//   DATABASE_URL           required; a libpq URL
//   DATABASE_SCHEMA        the schema the service owns (default: its name)
//   DATABASE_POOL_SIZE     connections (default 8)
//   NATS_URL               required; e.g. nats://127.0.0.1:4222
//   TOKEN_PUBLIC_KEY_FILE  required; hex Ed25519 public key of access tokens
//   DRAIN_TIMEOUT          graceful shutdown time (default 10s)
//   LOG_LEVEL              debug, info, warn, error (default info)
// A bad setting, an unreachable database or NATS ends the process at start
// with one line naming the problem, and exit status 2.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/auth/token.h"
#include "libs/config/config.h"
#include "libs/db/migrations.h"
#include "libs/db/pool.h"
#include "libs/events/jetstream.h"
#include "libs/events/relay.h"
#include "libs/server/service_host.h"

namespace helpdesk::runtime {

struct ServiceSpec {
  std::string name;
  int grpc_port = 0;
  std::vector<db::MigrationSet> migrations;  // the outbox's come first, always
  std::vector<db::Statement> statements;     // prepared on every connection
};

class Runtime {
 public:
  static absl::StatusOr<std::unique_ptr<Runtime>> Create(const ServiceSpec& spec,
                                                         config::Config config);
  ~Runtime();

  const config::Config& config() const { return config_; }
  db::Pool& pool() { return *pool_; }
  events::JetStream& nats() { return *nats_; }
  server::ServiceHost& host() { return *host_; }
  std::shared_ptr<const auth::TokenVerifier> verifier() const { return verifier_; }

  // Things to stop before the database and NATS go away (consumers,
  // workers), in reverse order of registration.
  void OnShutdown(std::function<void()> stop) { stoppers_.push_back(std::move(stop)); }

  // Starts the relay and the gRPC host, waits for SIGTERM/SIGINT, then shuts
  // down gracefully.
  absl::Status Serve();

 private:
  explicit Runtime(config::Config config) : config_(std::move(config)) {}

  config::Config config_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<events::JetStream> nats_;
  std::unique_ptr<events::OutboxRelay> relay_;
  std::unique_ptr<server::ServiceHost> host_;
  std::shared_ptr<const auth::TokenVerifier> verifier_;
  std::vector<std::function<void()>> stoppers_;
};

// The whole main of a backend service: signals, logging, configuration,
// Runtime::Create, `setup`, Serve. Returns the process exit status.
int Main(const ServiceSpec& spec, int argc, char** argv,
         const std::function<absl::Status(Runtime&)>& setup);

// Loads the token verifier from TOKEN_PUBLIC_KEY_FILE.
absl::StatusOr<std::shared_ptr<const auth::TokenVerifier>> LoadVerifier(
    const config::Config& config);

// "host:port" split, with INVALID_ARGUMENT naming the setting.
absl::StatusOr<std::pair<std::string, int>> ListenAddress(const config::Config& config,
                                                          std::string_view name,
                                                          const std::string& fallback);

}  // namespace helpdesk::runtime
