// The gateway, wired: routes from descriptor sets, one gRPC channel per
// backend, the HTTP server and the metrics endpoint. Tests start it in
// process on port 0 and read the port back:
//
//   GatewayOptions options;
//   options.http_port = 0;
//   options.metrics_port = -1;
//   options.descriptor_sets = {"/path/echo.pb"};
//   options.backends = {{"helpdesk.testing.v1.EchoService", "127.0.0.1:5555"}};
//   HELPDESK_ASSIGN_OR_RETURN(auto gateway, Gateway::Start(options));
//   int port = gateway->port();
//   ...
//   gateway->Stop();  // also done by the destructor
#pragma once

#include <atomic>
#include <memory>

#include "absl/status/statusor.h"
#include "services/gateway/settings.h"

namespace helpdesk::metrics {
class MetricsServer;
}  // namespace helpdesk::metrics

namespace helpdesk::gateway {

class ApiHandler;
class Backends;
class HttpServer;
class RouteTable;
class StaticFiles;
class TrustedProxies;

class Gateway {
 public:
  // INVALID_ARGUMENT naming the setting at fault (a descriptor set that does
  // not load, a web root that is not a folder, bad proxies); UNAVAILABLE when
  // a port cannot be bound. Logs a warning listing the services that have
  // routes but no backend (their routes answer 503).
  static absl::StatusOr<std::unique_ptr<Gateway>> Start(const GatewayOptions& options);
  ~Gateway();

  int port() const;
  int metrics_port() const;  // -1 without a metrics endpoint
  const RouteTable& routes() const { return *routes_; }

  // Graceful: stops accepting, lets the requests in flight finish for up to
  // drain_timeout, then cancels what is left and stops.
  void Stop();

 private:
  explicit Gateway(const GatewayOptions& options);

  GatewayOptions options_;
  std::unique_ptr<RouteTable> routes_;
  std::unique_ptr<TrustedProxies> proxies_;
  std::unique_ptr<StaticFiles> files_;
  std::unique_ptr<Backends> backends_;
  std::unique_ptr<ApiHandler> handler_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<metrics::MetricsServer> metrics_;
  std::atomic<bool> serving_{false};  // the metrics port's /healthz
  bool stopped_ = false;
};

}  // namespace helpdesk::gateway
