// A GoogleTest fixture that starts, for each test, an in-process EchoService
// (tests/protos/helpdesk/testing/v1/echo.proto) and an in-process gateway on
// port 0 loading only the echo descriptor set, so everything the tests reach
// over HTTP comes from that proto's HTTP rules.
//
//   class MyTest : public GatewayFixture {
//     void Configure(GatewayOptions& o) override { o.max_body_bytes = 1024; }
//   };
//   TEST_F(MyTest, X) { HttpClient client(port()); ... }
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "services/gateway/gateway.h"
#include "services/gateway/testing/echo_service.h"
#include "services/gateway/testing/http_client.h"

namespace helpdesk::gateway::testing {

inline constexpr char kEchoService[] = "helpdesk.testing.v1.EchoService";

class GatewayFixture : public ::testing::Test {
 protected:
  // Adjusts the options before the gateway starts.
  virtual void Configure(GatewayOptions& options) {}

  void SetUp() override;
  void TearDown() override;

  int port() const { return gateway_->port(); }

  std::unique_ptr<EchoServer> echo_;
  std::unique_ptr<Gateway> gateway_;
};

// Waits until `condition` holds or `timeout` passes; returns the last value.
bool WaitFor(const std::function<bool()>& condition, absl::Duration timeout);

}  // namespace helpdesk::gateway::testing
