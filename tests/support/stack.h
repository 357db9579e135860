// The helpdesk services started as real processes for an end-to-end test:
// a fresh database with the services' roles, a NATS server of its own, an
// access-token key pair, and whichever services the test asks for (the
// gateway routes to the backends started before it).
//
//   testing::TestStack stack;
//   ASSERT_TRUE(stack.Start({"ticket", "notification", "gateway"}).ok());
//   std::string token = stack.MintToken(Person::CUSTOMER, "acct-1", "company-1");
//   HttpResponse r = Http("POST", stack.http_base() + "/v1/tickets", body,
//                         {{"Authorization", "Bearer " + token}});
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "helpdesk/common/v1/types.pb.h"
#include "tests/support/nats.h"
#include "tests/support/subprocess.h"

namespace helpdesk::testing {

class TestPostgres;

class TestStack {
 public:
  // On the run's shared PostgreSQL server, or on `postgres` (a private one
  // that the test may restart: TestPostgres::StartPrivate), which must
  // outlive the stack.
  TestStack();
  explicit TestStack(TestPostgres* postgres);
  ~TestStack();

  // Starts the named services in order, with `env` added to each one's
  // environment, and waits until each is healthy.
  absl::Status Start(const std::vector<std::string>& services,
                     const std::map<std::string, std::string>& env = {});
  absl::Status StartService(const std::string& name,
                            const std::map<std::string, std::string>& extra_env = {});
  // SIGTERM and wait (graceful), or SIGKILL.
  void Stop(const std::string& name);
  void Kill(const std::string& name);
  // grpc.health.v1 Check of the service ("" = the server as a whole).
  bool Serving(const std::string& name);

  TestNats& nats() { return nats_; }
  const std::string& database() const { return database_; }
  std::string DatabaseUrl(const std::string& role = "postgres") const;
  std::string http_base() const;
  std::string grpc_address(const std::string& name) const;
  Subprocess* process(const std::string& name);
  const std::string& dir() const { return dir_; }

  std::string MintToken(common::v1::Person::Role role, const std::string& account_id,
                        const std::string& company_id, const std::string& display_name = "Test",
                        bool password_expired = false,
                        absl::Duration ttl = absl::Minutes(15)) const;

  // Environment of a backend service as the stack would start it.
  std::map<std::string, std::string> ServiceEnv(const std::string& name);
  static std::string BinaryPath(const std::string& name);

 private:
  TestPostgres* postgres_;
  std::string dir_;
  std::string database_;
  TestNats nats_;
  std::string private_key_hex_;
  std::string public_key_file_;
  std::string private_key_file_;
  std::map<std::string, int> ports_;  // gRPC, or HTTP for the gateway
  std::map<std::string, std::unique_ptr<Subprocess>> processes_;
  std::vector<std::string> backends_;
  bool nats_started_ = false;
};

// The full gRPC service name of a helpdesk service ("ticket" →
// "helpdesk.ticket.v1.TicketService").
std::string GrpcServiceName(const std::string& name);

}  // namespace helpdesk::testing
