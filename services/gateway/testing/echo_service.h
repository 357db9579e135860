// An in-process gRPC server implementing helpdesk.testing.v1.EchoService for
// the gateway's integration tests (tests/protos/helpdesk/testing/v1/echo.proto).
// It echoes what it is sent, so a test can see what the gateway made of an
// HTTP request.
//
//   EchoServer echo;                       // listens on 127.0.0.1:<free port>
//   options.backends = {{"helpdesk.testing.v1.EchoService", echo.address()}};
#pragma once

#include <grpcpp/server.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/time/time.h"

namespace helpdesk::gateway::testing {

class EchoServer {
 public:
  EchoServer();
  ~EchoServer();

  std::string address() const;
  // Wait calls currently running in the service.
  int waits_in_flight() const;
  // Whether a Wait call is running before `deadline`.
  bool WaitForWaitCall(absl::Time deadline) const;

  class Service;

 private:
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

// FNV-1a 64 of `data`, hex: the checksum Upload answers with.
std::string Checksum(const std::string& data);

}  // namespace helpdesk::gateway::testing
