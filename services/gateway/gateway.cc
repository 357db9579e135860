#include "services/gateway/gateway.h"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics_server.h"
#include "libs/status/status_macros.h"
#include "services/gateway/api_handler.h"
#include "services/gateway/backend.h"
#include "services/gateway/headers.h"
#include "services/gateway/http_server.h"
#include "services/gateway/route_table.h"
#include "services/gateway/static_files.h"

namespace helpdesk::gateway {

Gateway::Gateway(const GatewayOptions& options) : options_(options) {}

Gateway::~Gateway() { Stop(); }

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(const GatewayOptions& options) {
  std::unique_ptr<Gateway> g(new Gateway(options));
  absl::StatusOr<std::unique_ptr<RouteTable>> routes = RouteTable::Load(options.descriptor_sets);
  if (!routes.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("HELPDESK_DESCRIPTOR_SETS: ", routes.status().message()));
  }
  g->routes_ = *std::move(routes);
  HELPDESK_ASSIGN_OR_RETURN(TrustedProxies proxies, TrustedProxies::Parse(options.trusted_proxies));
  g->proxies_ = std::make_unique<TrustedProxies>(std::move(proxies));
  if (!options.web_root.empty()) {
    struct stat info;
    if (stat(options.web_root.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat("HELPDESK_WEB_ROOT: \"", options.web_root, "\" is not a folder"));
    }
    g->files_ = std::make_unique<StaticFiles>(options.web_root);
  }

  std::vector<std::string> unserved;
  for (const std::string& service : g->routes_->Services()) {
    if (options.backends.count(service) == 0) unserved.push_back(service);
  }
  if (!unserved.empty()) {
    log::Warn("no backend for these services: their routes answer 503 (set HELPDESK_BACKENDS)",
              {{"services", absl::StrJoin(unserved, ",")}});
  }
  g->backends_ = std::make_unique<Backends>(options.backends);
  g->handler_ =
      std::make_unique<ApiHandler>(*g->routes_, *g->backends_, *g->proxies_, g->files_.get(),
                                   ApiOptions{.max_body_bytes = options.max_body_bytes,
                                              .max_upload_bytes = options.max_upload_bytes,
                                              .upload_chunk_bytes = options.upload_chunk_bytes,
                                              .upstream_timeout = options.upstream_timeout,
                                              .stream_timeout = options.stream_timeout});
  absl::StatusOr<std::unique_ptr<HttpServer>> server =
      HttpServer::Start({.host = options.http_host,
                         .port = options.http_port,
                         .threads = options.http_threads,
                         .max_header_bytes = options.max_header_bytes,
                         .read_timeout = options.read_timeout,
                         .idle_timeout = options.idle_timeout},
                        g->handler_.get());
  if (!server.ok()) {
    return absl::Status(server.status().code(),
                        absl::StrCat("HELPDESK_HTTP_LISTEN: ", server.status().message()));
  }
  g->server_ = *std::move(server);
  if (options.metrics_port >= 0) {
    absl::StatusOr<std::unique_ptr<metrics::MetricsServer>> metrics =
        metrics::MetricsServer::Start(options.metrics_host, options.metrics_port,
                                      [gateway = g.get()] { return gateway->serving_.load(); });
    if (!metrics.ok()) {
      return absl::Status(metrics.status().code(),
                          absl::StrCat("HELPDESK_METRICS_LISTEN: ", metrics.status().message()));
    }
    g->metrics_ = *std::move(metrics);
  }
  g->serving_ = true;
  log::Info("gateway listening", {{"port", g->port()},
                                  {"metrics_port", g->metrics_port()},
                                  {"routes", static_cast<int>(g->routes_->routes().size())},
                                  {"backends", static_cast<int>(options.backends.size())}});
  return g;
}

int Gateway::port() const { return server_ ? server_->port() : -1; }

int Gateway::metrics_port() const { return metrics_ ? metrics_->port() : -1; }

void Gateway::Stop() {
  if (stopped_) return;
  stopped_ = true;
  serving_ = false;  // draining: load balancers stop sending
  if (server_) {
    server_->StopAccepting();
    if (!server_->WaitConnectionsClosed(absl::Now() + options_.drain_timeout)) {
      log::Warn("gateway drain timed out: cancelling the requests left");
    }
  }
  if (backends_) {
    backends_->CancelAll();
    // Cancelled calls complete promptly; their answers need the server running.
    if (!backends_->WaitIdle(absl::Now() + absl::Seconds(10))) {
      log::Error("gateway backend calls still running after cancellation");
    }
  }
  if (server_) {
    // The cancelled calls' answers (499) are on their way out: let them go.
    server_->WaitConnectionsClosed(absl::Now() + absl::Seconds(2));
    server_->Stop();
  }
  if (metrics_) metrics_->Stop();
}

}  // namespace helpdesk::gateway
