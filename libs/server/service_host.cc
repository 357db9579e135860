#include "libs/server/service_host.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/auth/authorization.h"
#include "libs/log/log.h"
#include "libs/server/call_metrics.h"

namespace helpdesk::server {

ServiceHost::ServiceHost(HostOptions options) : options_(std::move(options)) {}

ServiceHost::~ServiceHost() { Shutdown(); }

void ServiceHost::AddService(grpc::Service* service, const char* full_name) {
  const auto* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(full_name);
  if (descriptor == nullptr) {
    // A service whose generated code is not linked in: a build mistake.
    log::Error("unknown service", {{"service", full_name}});
    std::abort();
  }
  services_.emplace_back(service, descriptor);
}

void ServiceHost::AddHealthProbe(std::string name, std::function<bool()> probe) {
  probes_.emplace_back(std::move(name), std::move(probe));
}

absl::Status ServiceHost::Start(std::shared_ptr<const auth::TokenVerifier> verifier) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.grpc_address, grpc::InsecureServerCredentials(), &grpc_port_);
  std::vector<const google::protobuf::ServiceDescriptor*> descriptors;
  for (auto& [service, descriptor] : services_) {
    builder.RegisterService(service);
    descriptors.push_back(descriptor);
  }
  builder.SetMaxReceiveMessageSize(8 * 1024 * 1024);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(MakeCallMetricsFactory());
  interceptors.push_back(auth::MakeAuthorizationFactory(std::move(verifier), descriptors));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || grpc_port_ == 0) {
    server_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot listen for gRPC on ", options_.grpc_address));
  }
  if (options_.metrics_port >= 0) {
    auto metrics = metrics::MetricsServer::Start(options_.metrics_host, options_.metrics_port,
                                                 [this] { return Healthy(); });
    if (!metrics.ok()) {
      server_->Shutdown();
      server_.reset();
      return metrics.status();
    }
    metrics_ = *std::move(metrics);
  }
  CheckHealth();
  health_thread_ = std::thread([this] {
    while (!stop_health_.WaitForNotificationWithTimeout(options_.health_interval)) CheckHealth();
  });
  log::Info("serving", {{"grpc_port", grpc_port_}, {"metrics_port", metrics_port()}});
  return absl::OkStatus();
}

void ServiceHost::CheckHealth() {
  bool all = true;
  for (auto& [name, probe] : probes_) {
    bool ok = probe();
    if (!ok) log::Warn("health probe failing", {{"probe", name}});
    all = all && ok;
  }
  if (shutting_down_) return;
  if (all != healthy_.exchange(all)) {
    log::Info(all ? "healthy" : "not healthy");
  }
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  // "" answers liveness: the process serves, whatever its dependencies do,
  // so an orchestrator does not restart it during a database outage. Each
  // service's own name answers readiness: SERVING only while every probe
  // passes.
  health->SetServingStatus("", true);
  for (auto& [service, descriptor] : services_) {
    health->SetServingStatus(descriptor->full_name(), all);
  }
}

void ServiceHost::Shutdown() {
  if (server_ == nullptr || shutting_down_.exchange(true)) return;
  stop_health_.Notify();
  if (health_thread_.joinable()) health_thread_.join();
  healthy_ = false;
  if (auto* health = server_->GetHealthCheckService()) health->Shutdown();
  log::Info("draining", {{"timeout_seconds", absl::ToInt64Seconds(options_.drain_timeout)}});
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.drain_timeout));
  server_->Wait();
  if (metrics_) metrics_->Stop();
  log::Info("stopped");
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal = 0;
  sigwait(&set, &signal);
  log::Info("termination signal", {{"signal", signal}});
  return signal;
}

}  // namespace helpdesk::server
