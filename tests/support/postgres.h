// The PostgreSQL server of a test run, and a fresh database per test.
//
//   auto& pg = testing::TestPostgres::Shared();
//   std::string db = pg.CreateDatabase();            // with the services' roles and schemas
//   std::string url = pg.Url(db, "helpdesk_ticket");
//
// Under CTest the server is the `postgres` fixture's (tests/fixtures/servers.sh);
// a test binary run by hand starts one of its own and stops it at exit.
//
// A test that restarts PostgreSQL must not do it to the shared server (other
// tests run on it at the same time): it starts a private one, which it may
// restart on the same port and data folder.
//
//   std::unique_ptr<testing::TestPostgres> pg = testing::TestPostgres::StartPrivate();
//   testing::TestStack stack(pg.get());
//   ASSERT_TRUE(pg->Restart().ok());
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"

namespace helpdesk::testing {

class TestPostgres {
 public:
  static TestPostgres& Shared();
  // A server of the caller's own, stopped and removed by the destructor.
  // Throws when it cannot start (as Shared() does).
  static std::unique_ptr<TestPostgres> StartPrivate();
  ~TestPostgres();

  int port() const { return port_; }
  std::string CreateDatabase();
  std::string Url(const std::string& database, const std::string& user = "postgres") const;

  // Private servers only: stops the server in `pg_ctl` mode "immediate" (every
  // process quits at once, no checkpoint: recovery on start, as after a crash)
  // or "fast", and starts it again on the same port and data; returns once it
  // accepts connections.
  absl::Status Restart(const std::string& stop_mode = "immediate");

 private:
  explicit TestPostgres(bool shared);
  int port_ = 0;
  std::string own_state_dir_;  // set when this process started the server
  bool shared_ = true;
};

}  // namespace helpdesk::testing
