// Hands a built message to an SMTP server with libcurl, and says whether the
// failure, if any, is worth retrying.
//
//   SmtpSender sender({.url = "smtp://relay.example.com:587", .starttls = true,
//                      .user = "helpdesk", .password = secret});
//   SendOutcome outcome = sender.Send("helpdesk@example.com", "it@cliente.it", mime);
//   if (outcome.kind == SendOutcome::kTemporary) …  // back off and retry
//
// `smtp://` speaks plain SMTP, upgraded with STARTTLS when `starttls` is set
// (required then: a server without STARTTLS is a failure, never a silent
// downgrade); `smtps://` is TLS from the start. The password is given to
// libcurl only: it appears in no log line, error or status.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace helpdesk::notification {

struct SmtpSettings {
  std::string url;  // smtp://host:port or smtps://host:port (user:password@ allowed)
  bool starttls = false;
  std::string user;
  std::string password;
  absl::Duration connect_timeout = absl::Seconds(10);
  absl::Duration timeout = absl::Seconds(30);  // the whole exchange
};

struct SendOutcome {
  enum Kind { kSent, kTemporary, kPermanent };
  Kind kind = kSent;
  int smtp_code = 0;  // the server's last reply code, 0 when none
  std::string error;  // for last_error and logs; never holds a secret
};

// What sends a message; the worker's tests swap it.
class MailSender {
 public:
  virtual ~MailSender() = default;
  virtual SendOutcome Send(const std::string& envelope_from, const std::string& recipient,
                           const std::string& message) = 0;
};

// Keeps one libcurl handle, so the connection to the server is reused and
// the QUIT of an exchange does not stand between the server's acceptance of
// a message and the caller's record of it (docs/notifications.md). Sends one
// message at a time.
class SmtpSender final : public MailSender {
 public:
  explicit SmtpSender(SmtpSettings settings);
  ~SmtpSender() override;
  SendOutcome Send(const std::string& envelope_from, const std::string& recipient,
                   const std::string& message) override;

 private:
  const SmtpSettings settings_;
  absl::Mutex mu_;
  void* curl_ ABSL_GUARDED_BY(mu_) = nullptr;  // CURL*, kept out of this header
};

// INVALID_ARGUMENT unless `url` is smtp:// or smtps:// with a host.
absl::Status ValidateSmtpUrl(std::string_view url);
// The URL without its user:password@ part, for logs.
std::string RedactUrl(std::string_view url);
// A libcurl result (CURLcode) and the server's last reply code as an
// outcome: 5xx is permanent; 4xx, connection failures, timeouts and refused
// logins (a configuration to fix, not the message's fault) are temporary.
SendOutcome ClassifySmtpResult(int curl_code, int smtp_code, std::string_view detail);

}  // namespace helpdesk::notification
