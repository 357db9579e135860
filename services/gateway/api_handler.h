// Answers the gateway's HTTP requests: GET /healthz, the API under /v1/
// (each request transcoded into a call of the RPC its route names), and the
// portal's static files for everything else when a web root is set.
//
//   ApiHandler handler(*routes, backends, proxies, files.get(), {...});
//   HttpServer::Start(server_options, &handler);
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "services/gateway/backend.h"
#include "services/gateway/headers.h"
#include "services/gateway/http_server.h"
#include "services/gateway/route_table.h"
#include "services/gateway/session_cookies.h"
#include "services/gateway/static_files.h"

namespace helpdesk::gateway {

struct ApiOptions {
  size_t max_body_bytes = 1 << 20;
  size_t max_upload_bytes = 30 << 20;
  size_t upload_chunk_bytes = 64 << 10;
  absl::Duration upstream_timeout = absl::Seconds(15);
  absl::Duration stream_timeout = absl::Minutes(10);
};

class ApiHandler : public HttpHandler {
 public:
  // Every argument must outlive the handler; `files` may be null.
  ApiHandler(const RouteTable& routes, Backends& backends, const TrustedProxies& proxies,
             const StaticFiles* files, ApiOptions options);

  void Handle(std::shared_ptr<HttpExchange> exchange) override;

 private:
  void HandleApi(std::shared_ptr<HttpExchange> exchange);
  // Sends the request message, once it is built, with a unary or streaming call.
  void Call(std::shared_ptr<HttpExchange> exchange, const Route& route, grpc::GenericStub* stub,
            std::string request, Metadata metadata, std::string request_id, PortalSession portal);

  const RouteTable& routes_;
  Backends& backends_;
  const TrustedProxies& proxies_;
  const StaticFiles* files_;
  const ApiOptions options_;
};

}  // namespace helpdesk::gateway
