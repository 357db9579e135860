// A NATS server with JetStream for one test, on free ports in a temporary
// folder; it can be stopped and started again on the same port and store.
//
//   testing::TestNats nats;
//   ASSERT_TRUE(nats.Start().ok());
//   std::string url = nats.url();
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "tests/support/subprocess.h"

namespace helpdesk::testing {

// A TCP port on 127.0.0.1 that is free now.
int FreePort();
// A new folder under /tmp, removed by the caller.
std::string MakeTempDir(const std::string& prefix);
// The repository's root folder (absolute), for tests that run its scripts.
// Not from __FILE__: with ccache's base_dir the compiler sees relative paths.
std::string SourceDir();

class TestNats {
 public:
  TestNats();
  ~TestNats();

  absl::Status Start();
  void Stop();
  void Kill();
  std::string url() const;
  // The running server's process, or null.
  Subprocess* process() const { return process_.get(); }

 private:
  std::string dir_;
  int port_;
  int monitor_port_;
  std::unique_ptr<Subprocess> process_;
};

}  // namespace helpdesk::testing
