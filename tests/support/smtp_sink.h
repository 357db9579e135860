// A real SMTP server for a test: tools/smtp_sink.py (aiosmtpd) on a free port,
// keeping every accepted message in a folder of its own, its replies to DATA
// optionally scripted (see the script's --script).
//
//   testing::SmtpSink sink;
//   ASSERT_TRUE(sink.ready()) << sink.log();
//   env["HELPDESK_SMTP_URL"] = sink.url();
//   ...
//   for (const nlohmann::json& mail : sink.Messages()) ... mail["message_id"] ...
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"

namespace helpdesk::testing {

class SmtpSink {
 public:
  explicit SmtpSink(const std::string& script = "", const std::string& auth = "");
  ~SmtpSink();  // stops the server; removes its folder unless the test failed

  bool ready() const { return ready_; }
  std::string url() const;
  std::string log() const { return process_->ReadLog(); }
  const std::string& dir() const { return dir_; }

  // How many messages were kept so far (cheap: counts files).
  int Count() const;
  // The messages kept so far, oldest first, as tools/smtp_sink.py describes
  // them: envelope (mail_from, rcpt_tos), decoded headers (subject,
  // message_id, references, …), text and html parts.
  std::vector<nlohmann::json> Messages() const;
  // DATA commands received (accepted or not).
  int Attempts() const;
  // Waits (up to 20 s) until the n-th DATA is hanging in the sink (the
  // scripts "hang" and "accept-hang").
  bool WaitHanging(int n) const;

 private:
  std::string dir_;
  int port_;
  bool ready_ = false;
  std::unique_ptr<Subprocess> process_;
};

}  // namespace helpdesk::testing
