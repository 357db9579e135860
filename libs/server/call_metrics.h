// A server interceptor that counts and times every RPC by method and status
// code (Prometheus metrics) and logs the ones that failed on our side.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <memory>

namespace helpdesk::server {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeCallMetricsFactory();

}  // namespace helpdesk::server
