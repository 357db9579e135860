// Helpers for helpdeskctl's unit tests: a temporary folder, and running the
// whole command line in-process with captured output and a given
// environment.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tools/helpdeskctl/commands.h"

namespace helpdesk::helpdeskctl::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "helpdeskctl-test-XXXXXX");
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline Environment FakeEnvironment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

inline Run RunCtl(std::vector<std::string> args, std::map<std::string, std::string> env,
                  const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  Io io;
  io.in = &in;
  io.out = &out;
  io.err = &err;
  io.env = FakeEnvironment(std::move(env));
  io.read_password = [](const std::string&) -> absl::StatusOr<std::string> {
    return absl::FailedPreconditionError(
        "no terminal to ask for the password: use --password-stdin");
  };
  std::vector<const char*> argv = {"helpdeskctl"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  Run run;
  run.exit_code = Main(static_cast<int>(argv.size()), argv.data(), std::move(io));
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace helpdesk::helpdeskctl::testing
