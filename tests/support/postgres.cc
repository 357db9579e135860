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

std::string StopCommand(const std::string& state_dir) {
  return absl::StrCat("bash ", Script(), " stop ", state_dir, " >/dev/null 2>&1; rm -rf ",
                      state_dir);
}

}  // namespace

TestPostgres::TestPostgres(bool shared) : shared_(shared) {
  if (shared) {
    const char* env_dir = std::getenv("HELPDESK_TEST_STATE_DIR");
    std::string state = env_dir != nullptr ? env_dir : HELPDESK_TEST_STATE_DIR;
    if (ReadPort(state, &port_)) return;
  }
  // Not under CTest's fixture, or a private server: one of our own.
  static std::atomic<int> servers{0};
  own_state_dir_ = absl::StrCat("/tmp/helpdesk-test-state.", getpid(), shared ? "" : "-",
                                shared ? "" : absl::StrCat(servers++));
  std::string start = absl::StrCat("bash ", Script(), " start ", own_state_dir_, " >/dev/null");
  if (std::system(start.c_str()) != 0 || !ReadPort(own_state_dir_, &port_)) {
    throw std::runtime_error("cannot start a test PostgreSQL server");
  }
  if (!shared) return;  // the destructor stops it
  static std::string stop_command;
  stop_command = StopCommand(own_state_dir_);
  std::atexit([] { (void)std::system(stop_command.c_str()); });
}

TestPostgres::~TestPostgres() {
  if (!shared_ && !own_state_dir_.empty()) (void)std::system(StopCommand(own_state_dir_).c_str());
}

TestPostgres& TestPostgres::Shared() {
  static TestPostgres* server = new TestPostgres(/*shared=*/true);
  return *server;
}

std::unique_ptr<TestPostgres> TestPostgres::StartPrivate() {
  return std::unique_ptr<TestPostgres>(new TestPostgres(/*shared=*/false));
}

absl::Status TestPostgres::Restart(const std::string& stop_mode) {
  if (shared_) return absl::FailedPreconditionError("the shared test server is not restarted");
  if (stop_mode != "immediate" && stop_mode != "fast") {
    return absl::InvalidArgumentError("stop mode must be immediate or fast");
  }
  // The functions tests/fixtures/servers.sh uses, on the folder it made.
  std::string restart = absl::StrCat(
      "bash -c 'set -e; source ", HELPDESK_SOURCE_DIR, "/tools/lib/servers.sh; dir=$(cat ",
      own_state_dir_, "/postgres.dir); as_pg_user \"$PGBIN/pg_ctl\" -D \"$dir/data\" -m ",
      stop_mode, " -w -t 60 stop >/dev/null; HELPDESK_PG_FSYNC=off pg_start \"$dir\" ", port_,
      "' >/dev/null");
  if (std::system(restart.c_str()) != 0) {
    return absl::UnavailableError("cannot restart the test PostgreSQL server");
  }
  return absl::OkStatus();
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
