#include "libs/server/call_metrics.h"

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"

namespace helpdesk::server {
namespace {

// gRPC's codes are Abseil's, numbered alike: Abseil names them.
std::string CodeName(grpc::StatusCode code) {
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? "UNKNOWN" : name;
}

class CallMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit CallMetricsInterceptor(std::string method)
      : method_(std::move(method)), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      const std::string code = CodeName(status.error_code());
      double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
      auto& registry = metrics::Default();
      registry
          .GetCounter("helpdesk_grpc_server_handled_total", "RPCs completed by the server.",
                      {{"method", method_}, {"code", code}})
          .Increment();
      registry
          .GetHistogram("helpdesk_grpc_server_handling_seconds", "RPC handling time.",
                        {{"method", method_}})
          .Observe(seconds);
      grpc::StatusCode c = status.error_code();
      if (c == grpc::StatusCode::INTERNAL || c == grpc::StatusCode::UNKNOWN ||
          c == grpc::StatusCode::DATA_LOSS) {
        log::Error("rpc failed",
                   {{"method", method_}, {"code", code}, {"message", status.error_message()}});
      } else {
        log::Debug("rpc", {{"method", method_}, {"code", code}, {"seconds", seconds}});
      }
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  absl::Time start_;
};

class CallMetricsFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallMetricsInterceptor(info->method());
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeCallMetricsFactory() {
  return std::make_unique<CallMetricsFactory>();
}

}  // namespace helpdesk::server
