// The PostgreSQL server of a test run, and a fresh database per test.
//
//   auto& pg = testing::TestPostgres::Shared();
//   std::string db = pg.CreateDatabase();            // with the services' roles and schemas
//   std::string url = pg.Url(db, "helpdesk_ticket");
//
// Under CTest the server is the `postgres` fixture's (tests/fixtures/servers.sh);
// a test binary run by hand starts one of its own and stops it at exit.
#pragma once

#include <string>

namespace helpdesk::testing {

class TestPostgres {
 public:
  static TestPostgres& Shared();

  int port() const { return port_; }
  std::string CreateDatabase();
  std::string Url(const std::string& database, const std::string& user = "postgres") const;

 private:
  TestPostgres();
  int port_ = 0;
  std::string own_state_dir_;  // set when this process started the server
};

}  // namespace helpdesk::testing
