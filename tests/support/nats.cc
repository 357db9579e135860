#include "tests/support/nats.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "tests/support/http_client.h"
#include "tests/support/wait.h"

namespace helpdesk::testing {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::string SourceDir() { return HELPDESK_SOURCE_DIR; }

std::string MakeTempDir(const std::string& prefix) {
  std::string pattern = absl::StrCat("/tmp/", prefix, ".XXXXXX");
  char* made = mkdtemp(pattern.data());
  return made != nullptr ? std::string(made) : "";
}

TestNats::TestNats()
    : dir_(MakeTempDir("helpdesk-test-nats")), port_(FreePort()), monitor_port_(FreePort()) {}

TestNats::~TestNats() {
  Stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

absl::Status TestNats::Start() {
  process_ = std::make_unique<Subprocess>(
      std::vector<std::string>{"/usr/sbin/nats-server", "-js", "-a", "127.0.0.1", "-p",
                               absl::StrCat(port_), "-m", absl::StrCat(monitor_port_), "-sd",
                               dir_ + "/js"},
      std::map<std::string, std::string>{}, dir_ + "/nats.log");
  std::string health = absl::StrCat("http://127.0.0.1:", monitor_port_, "/healthz");
  bool ok = WaitUntil(
      [&] {
        HttpResponse r = Http("GET", health);
        return r.status == 200 && r.body.find("ok") != std::string::npos;
      },
      absl::Seconds(20));
  if (!ok) return absl::UnavailableError("nats-server did not start: " + process_->ReadLog());
  return absl::OkStatus();
}

void TestNats::Stop() {
  if (!process_) return;
  process_->Signal(SIGTERM);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

void TestNats::Kill() {
  if (!process_) return;
  process_->Signal(SIGKILL);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

std::string TestNats::url() const { return absl::StrCat("nats://127.0.0.1:", port_); }

}  // namespace helpdesk::testing
