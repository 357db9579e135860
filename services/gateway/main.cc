// The gateway: HTTP/JSON in front of the helpdesk gRPC services (docs/gateway.md).
#include <cstdio>

#include "libs/config/config.h"
#include "libs/log/log.h"
#include "libs/server/service_host.h"
#include "services/gateway/gateway.h"

int main(int argc, char** argv) {
  helpdesk::server::BlockTerminationSignals();
  helpdesk::log::Init("gateway");
  absl::StatusOr<helpdesk::gateway::GatewayOptions> options =
      helpdesk::gateway::OptionsFromConfig(helpdesk::config::Config::FromProcess(argc, argv));
  if (options.ok()) helpdesk::log::SetMinLevel(options->log_level);
  absl::StatusOr<std::unique_ptr<helpdesk::gateway::Gateway>> gateway =
      options.ok() ? helpdesk::gateway::Gateway::Start(*options) : options.status();
  if (!gateway.ok()) {
    std::fprintf(stderr, "gateway: cannot start: %s\n",
                 std::string(gateway.status().message()).c_str());
    return 2;
  }
  int signal = helpdesk::server::WaitForTerminationSignal();
  helpdesk::log::Info("gateway stopping", {{"signal", signal}});
  (*gateway)->Stop();
  return 0;
}
