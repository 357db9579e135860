// A small HTTP endpoint on a side port serving `/metrics` (Prometheus text)
// and `/healthz` (200 when the process reports itself healthy, 503 if not).
//
//   HELPDESK_ASSIGN_OR_RETURN(auto server, MetricsServer::Start(
//       "127.0.0.1", 9190, [&] { return health.AllServing(); }));
//   ...
//   server->Stop();
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace helpdesk::metrics {

class MetricsServer {
 public:
  // Binds host:port (0 picks a free port) and serves on one thread.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& host, int port,
                                                              std::function<bool()> healthy);
  ~MetricsServer();

  int port() const { return port_; }
  void Stop();

 private:
  struct Impl;
  explicit MetricsServer(std::unique_ptr<Impl> impl, int port);

  std::unique_ptr<Impl> impl_;
  int port_;
  std::thread thread_;
};

}  // namespace helpdesk::metrics
