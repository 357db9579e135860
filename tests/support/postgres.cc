#include "tests/support/postgres.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace helpdesk::testing {
namespace {

bool ReadPort(const std::string& state_dir, int* port) {
  std::ifstream in(state_dir + "/postgres.env");
  std::string line;
  while (std::getline(in, line)) {
    const std::string key = "HELPDESK_TEST_PG_PORT=";
    if (line.rfind(key, 0) == 0) return absl::SimpleAtoi(line.substr(key.size()), port);
  }
  return false;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Script() { return std::string(HELPDESK_SOURCE_DIR) + "/tests/fixtures/servers.sh"; }

}  // namespace

TestPostgres::TestPostgres() {
  const char* env_dir = std::getenv("HELPDESK_TEST_STATE_DIR");
  std::string state = env_dir != nullptr ? env_dir : HELPDESK_TEST_STATE_DIR;
  if (ReadPort(state, &port_)) return;
  // Not under CTest's fixture: a server of our own for this process.
  own_state_dir_ = absl::StrCat("/tmp/helpdesk-test-state.", getpid());
  std::string start = absl::StrCat("bash ", Script(), " start ", own_state_dir_, " >/dev/null");
  if (std::system(start.c_str()) != 0 || !ReadPort(own_state_dir_, &port_)) {
    throw std::runtime_error("cannot start a test PostgreSQL server");
  }
  static std::string stop_command;
  stop_command = absl::StrCat("bash ", Script(), " stop ", own_state_dir_,
                              " >/dev/null 2>&1; rm -rf ", own_state_dir_);
  std::atexit([] { (void)std::system(stop_command.c_str()); });
}

TestPostgres& TestPostgres::Shared() {
  static TestPostgres* server = new TestPostgres();
  return *server;
}

std::string TestPostgres::Url(const std::string& database, const std::string& user) const {
  return absl::StrCat("postgresql://", user, "@127.0.0.1:", port_, "/", database);
}

std::string TestPostgres::CreateDatabase() {
  static std::atomic<int> counter{0};
  std::string name =
      absl::StrCat("t", getpid(), "_", counter++, "_", absl::ToUnixMicros(absl::Now()) % 1000000);
  {
    pqxx::connection admin(Url("postgres"));
    pqxx::nontransaction tx(admin);
    tx.exec(absl::StrCat("CREATE DATABASE ", tx.quote_name(name)));
  }
  // Roles are per server: concurrent provisioning from parallel tests may
  // race on CREATE ROLE, so retry once.
  std::string provision =
      ReadFile(std::string(HELPDESK_SOURCE_DIR) + "/deploy/postgres/provision.sql");
  for (int attempt = 0;; ++attempt) {
    try {
      pqxx::connection conn(Url(name));
      pqxx::nontransaction tx(conn);
      tx.exec(provision);
      break;
    } catch (const pqxx::sql_error&) {
      if (attempt >= 3) throw;
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  return name;
}

}  // namespace helpdesk::testing
