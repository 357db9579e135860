// Hosts a service's gRPC server with what every helpdesk service needs:
// health checking that tells the truth, reflection, the authorization and
// call-metrics interceptors, a Prometheus `/metrics` side port, and a
// graceful shutdown.
//
//   server::BlockTerminationSignals();                // first thing in main
//   server::ServiceHost host({.name = "ticket", .grpc_address = "0.0.0.0:9102"});
//   host.AddService(&service, ticket::v1::TicketService::service_full_name());
//   host.AddHealthProbe("database", [&] { return pool->Ping(); });
//   HELPDESK_RETURN_IF_ERROR(host.Start(verifier));
//   server::WaitForTerminationSignal();
//   host.Shutdown();                                  // drains in-flight calls
//
// Health: the empty service name ("") reports SERVING while the process
// serves (liveness); every registered service's name reports SERVING only
// while every probe passes (readiness). Probes run every `health_interval` on
// a thread of their own; on shutdown everything turns NOT_SERVING first.
#pragma once

#include <grpcpp/server.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/auth/token.h"
#include "libs/metrics/metrics_server.h"

namespace google::protobuf {
class ServiceDescriptor;
}

namespace helpdesk::server {

struct HostOptions {
  std::string name;
  std::string grpc_address = "127.0.0.1:0";
  std::string metrics_host = "127.0.0.1";
  int metrics_port = 0;  // 0 picks a free port; -1 disables the endpoint
  absl::Duration drain_timeout = absl::Seconds(10);
  absl::Duration health_interval = absl::Seconds(2);
};

class ServiceHost {
 public:
  explicit ServiceHost(HostOptions options);
  ~ServiceHost();

  // `full_name` as the generated code's service_full_name() returns it.
  void AddService(grpc::Service* service, const char* full_name);
  void AddHealthProbe(std::string name, std::function<bool()> probe);

  // Binds and starts serving. UNAVAILABLE naming the address when it cannot
  // bind.
  absl::Status Start(std::shared_ptr<const auth::TokenVerifier> verifier);
  // Marks every service NOT_SERVING, then lets in-flight calls finish for up
  // to drain_timeout before cancelling them.
  void Shutdown();

  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_ ? metrics_->port() : -1; }
  bool Healthy() const { return healthy_; }

 private:
  void CheckHealth();

  const HostOptions options_;
  std::vector<std::pair<grpc::Service*, const google::protobuf::ServiceDescriptor*>> services_;
  std::vector<std::pair<std::string, std::function<bool()>>> probes_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<metrics::MetricsServer> metrics_;
  int grpc_port_ = 0;
  std::atomic<bool> healthy_{false};
  std::atomic<bool> shutting_down_{false};
  absl::Notification stop_health_;
  std::thread health_thread_;
};

// Blocks SIGTERM and SIGINT in this thread and the threads it starts later,
// so that WaitForTerminationSignal receives them. Call before starting any
// thread.
void BlockTerminationSignals();
// Waits for SIGTERM or SIGINT; returns the signal number.
int WaitForTerminationSignal();

}  // namespace helpdesk::server
