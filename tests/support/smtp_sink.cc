#include "tests/support/smtp_sink.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "tests/support/nats.h"
#include "tests/support/wait.h"

namespace helpdesk::testing {
namespace fs = std::filesystem;

SmtpSink::SmtpSink(const std::string& script, const std::string& auth)
    : dir_(MakeTempDir("helpdesk-smtp-sink")), port_(FreePort()) {
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   SourceDir() + "/tools/smtp_sink.py",
                                   "--port",
                                   std::to_string(port_),
                                   "--dir",
                                   dir_ + "/mail",
                                   "--ready-file",
                                   dir_ + "/ready",
                                   "--quiet"};
  if (!script.empty()) argv.insert(argv.end(), {"--script", script});
  if (!auth.empty()) argv.insert(argv.end(), {"--auth", auth});
  process_ =
      std::make_unique<Subprocess>(argv, std::map<std::string, std::string>{}, dir_ + "/sink.log");
  ready_ = WaitUntil([&] { return fs::exists(dir_ + "/ready"); }, absl::Seconds(15));
}

SmtpSink::~SmtpSink() {
  process_.reset();
  std::error_code ignored;
  if (!::testing::Test::HasFailure()) fs::remove_all(dir_, ignored);
}

std::string SmtpSink::url() const { return absl::StrCat("smtp://127.0.0.1:", port_); }

int SmtpSink::Count() const {
  int n = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_ + "/mail", error)) {
    if (entry.path().extension() == ".json") ++n;
  }
  return n;
}

std::vector<nlohmann::json> SmtpSink::Messages() const {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_ + "/mail", error)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> out;
  for (const auto& f : files) out.push_back(nlohmann::json::parse(std::ifstream(f)));
  return out;
}

int SmtpSink::Attempts() const {
  std::ifstream in(dir_ + "/mail/.attempts.log");
  int lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

bool SmtpSink::WaitHanging(int n) const {
  return WaitUntil([&] { return fs::exists(absl::StrCat(dir_, "/mail/.hanging-", n)); },
                   absl::Seconds(20));
}

}  // namespace helpdesk::testing
