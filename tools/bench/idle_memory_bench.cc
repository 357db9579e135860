// Resident memory of each service when idle (SPEC §8: < 30 MiB each).
//
//   ninja -C build idle_memory_bench identity ticket attachment sla notification gateway
//   build/tools/bench/idle_memory_bench [settle-seconds]
//
// Starts PostgreSQL, NATS and the six services (tests/support) as the local
// stack does, lets them settle (default 15 s: migrations done, consumers and
// relays polling), then reads VmRSS, RssAnon and VmHWM of each process from
// /proc. For scale, the same figures of the run's own nats-server, a
// well-regarded small server measured on the same machine.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "tests/support/stack.h"

namespace {

// The "<field>: <n> kB" lines of /proc/<pid>/status, in KiB.
std::map<std::string, long> Status(pid_t pid) {
  std::map<std::string, long> fields;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos || line.find(" kB") == std::string::npos) continue;
    fields[line.substr(0, colon)] = std::atol(line.c_str() + colon + 1);
  }
  return fields;
}

void Print(const std::string& name, pid_t pid) {
  std::map<std::string, long> s = Status(pid);
  std::printf("%-14s VmRSS %6.1f MiB  RssAnon %6.1f MiB  VmHWM %6.1f MiB\n", name.c_str(),
              s["VmRSS"] / 1024.0, s["RssAnon"] / 1024.0, s["VmHWM"] / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace helpdesk;
  const int settle = argc > 1 ? std::atoi(argv[1]) : 15;
  const char* services[] = {"identity", "ticket", "attachment", "sla", "notification", "gateway"};
  testing::TestStack stack;
  if (absl::Status s = stack.Start({services, services + 6}); !s.ok()) {
    std::fprintf(stderr, "cannot start the stack: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::seconds(settle));
  std::printf("idle for %d s (target: VmRSS < 30 MiB per service)\n", settle);
  for (const char* name : services) Print(name, stack.process(name)->pid());
  if (testing::Subprocess* nats = stack.nats().process(); nats != nullptr) {
    Print("nats-server", nats->pid());
  }
  return 0;
}
