#include "services/gateway/testing/gateway_fixture.h"

#include <thread>

#include "absl/time/clock.h"

namespace helpdesk::gateway::testing {

void GatewayFixture::SetUp() {
  echo_ = std::make_unique<EchoServer>();
  GatewayOptions options;
  options.http_host = "127.0.0.1";
  options.http_port = 0;
  options.metrics_port = -1;
  options.descriptor_sets = {HELPDESK_ECHO_DESCRIPTOR_SET};
  options.backends = {{kEchoService, echo_->address()}};
  options.drain_timeout = absl::Seconds(5);
  Configure(options);
  absl::StatusOr<std::unique_ptr<Gateway>> gateway = Gateway::Start(options);
  ASSERT_TRUE(gateway.ok()) << gateway.status();
  gateway_ = *std::move(gateway);
}

void GatewayFixture::TearDown() {
  if (gateway_) gateway_->Stop();
  gateway_.reset();
  echo_.reset();
}

bool WaitFor(const std::function<bool()>& condition, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > deadline) return condition();
    std::this_thread::sleep_for(
        std::chrono::milliseconds(5));  // polling interval, not a wait for an event
  }
  return true;
}

}  // namespace helpdesk::gateway::testing
