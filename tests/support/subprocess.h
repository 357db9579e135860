// A child process for tests: started with an environment of its own, its
// output captured in a file, signalled and reaped.
//
//   Subprocess ticket({"/path/ticket"}, {{"HELPDESK_DATABASE_URL", url}}, log_path);
//   ticket.Signal(SIGKILL);
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace helpdesk::testing {

class Subprocess {
 public:
  // Starts argv[0] with the current environment plus `env`, standard output
  // and error appended to `log_path`.
  Subprocess(std::vector<std::string> argv, std::map<std::string, std::string> env,
             std::string log_path);
  ~Subprocess();  // SIGKILL and reap if still running
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  void Signal(int signal);
  // The exit status (or 128 + signal) once it ended within `timeout`.
  std::optional<int> Wait(absl::Duration timeout);
  const std::string& log_path() const { return log_path_; }
  std::string ReadLog() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string log_path_;
};

}  // namespace helpdesk::testing
