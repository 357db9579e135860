#include "services/notification/settings.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status_macros.h"

namespace helpdesk::notification {
namespace {

absl::StatusOr<MailAddress> Mailbox(const config::Config& config, std::string_view name,
                                    std::string_view fallback) {
  std::string value = config.Get(name, fallback);
  if (value.empty()) return MailAddress{};
  absl::StatusOr<MailAddress> mailbox = ParseMailbox(value);
  if (!mailbox.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(config::Config::EnvName(name), ": ", mailbox.status().message()));
  }
  return mailbox;
}

absl::StatusOr<std::string> Address(const config::Config& config, std::string_view name) {
  std::string value = config.Get(name, "");
  if (!value.empty() && !IsValidAddress(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(config::Config::EnvName(name), ": \"", value, "\" is not an e-mail address"));
  }
  return value;
}

absl::Status Positive(std::string_view name, absl::Duration value) {
  if (value <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat(config::Config::EnvName(name), " must be positive"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<NotificationSettings> LoadSettings(const config::Config& config) {
  NotificationSettings s;
  std::string url = config.Get("SMTP_URL", "");
  SmtpSettings smtp;
  smtp.url = url;
  HELPDESK_ASSIGN_OR_RETURN(smtp.starttls, config.Bool("SMTP_STARTTLS", false));
  smtp.user = config.Get("SMTP_USER", "");
  smtp.password = config.Get("SMTP_PASSWORD", "");
  HELPDESK_ASSIGN_OR_RETURN(smtp.connect_timeout,
                            config.Duration("SMTP_CONNECT_TIMEOUT", smtp.connect_timeout));
  HELPDESK_ASSIGN_OR_RETURN(smtp.timeout, config.Duration("SMTP_TIMEOUT", smtp.timeout));
  HELPDESK_RETURN_IF_ERROR(Positive("SMTP_CONNECT_TIMEOUT", smtp.connect_timeout));
  HELPDESK_RETURN_IF_ERROR(Positive("SMTP_TIMEOUT", smtp.timeout));
  if (!url.empty()) {
    HELPDESK_RETURN_IF_ERROR(ValidateSmtpUrl(url));
    s.smtp = smtp;
  }

  WorkerOptions& w = s.worker;
  HELPDESK_ASSIGN_OR_RETURN(w.from, Mailbox(config, "SMTP_FROM", "Helpdesk <helpdesk@localhost>"));
  if (w.from.address.empty()) {
    return absl::InvalidArgumentError("HELPDESK_SMTP_FROM must not be empty");
  }
  HELPDESK_ASSIGN_OR_RETURN(w.reply_to, Mailbox(config, "SMTP_REPLY_TO", ""));
  HELPDESK_ASSIGN_OR_RETURN(w.lease, config.Duration("SMTP_LEASE", w.lease));
  if (w.lease <= smtp.timeout) {
    // A worker still sending when its lease expires would see its delivery
    // sent again by the recovery: the lease must outlast any exchange.
    return absl::InvalidArgumentError(
        "HELPDESK_SMTP_LEASE must be longer than HELPDESK_SMTP_TIMEOUT");
  }
  HELPDESK_ASSIGN_OR_RETURN(w.poll_interval,
                            config.Duration("SMTP_POLL_INTERVAL", w.poll_interval));
  HELPDESK_RETURN_IF_ERROR(Positive("SMTP_POLL_INTERVAL", w.poll_interval));
  HELPDESK_ASSIGN_OR_RETURN(w.retry.base, config.Duration("SMTP_RETRY_BASE", w.retry.base));
  HELPDESK_ASSIGN_OR_RETURN(w.retry.max, config.Duration("SMTP_RETRY_MAX", w.retry.max));
  HELPDESK_RETURN_IF_ERROR(Positive("SMTP_RETRY_BASE", w.retry.base));
  if (w.retry.max < w.retry.base) {
    return absl::InvalidArgumentError(
        "HELPDESK_SMTP_RETRY_MAX must be at least HELPDESK_SMTP_RETRY_BASE");
  }
  HELPDESK_ASSIGN_OR_RETURN(w.retry.max_attempts,
                            config.Int("SMTP_MAX_ATTEMPTS", w.retry.max_attempts));
  if (w.retry.max_attempts < 1) {
    return absl::InvalidArgumentError("HELPDESK_SMTP_MAX_ATTEMPTS must be at least 1");
  }

  PlannerSettings& p = s.planner;
  HELPDESK_ASSIGN_OR_RETURN(p.queue_email, Address(config, "QUEUE_EMAIL"));
  HELPDESK_ASSIGN_OR_RETURN(p.manager_email, Address(config, "MANAGER_EMAIL"));
  std::string language = config.Get("STAFF_LANGUAGE", "it");
  if (language != "it" && language != "en") {
    return absl::InvalidArgumentError("HELPDESK_STAFF_LANGUAGE must be it or en");
  }
  p.staff_language = language;
  p.public_url = config.Get("PUBLIC_URL", "http://127.0.0.1:8080");
  while (!p.public_url.empty() && p.public_url.back() == '/') p.public_url.pop_back();
  if (p.public_url.rfind("http://", 0) != 0 && p.public_url.rfind("https://", 0) != 0) {
    return absl::InvalidArgumentError("HELPDESK_PUBLIC_URL must be an http:// or https:// URL");
  }
  std::string zone = config.Get("MAIL_TIME_ZONE", "Europe/Rome");
  if (!absl::LoadTimeZone(zone, &p.time_zone)) {
    return absl::InvalidArgumentError(absl::StrCat("HELPDESK_MAIL_TIME_ZONE: cannot load \"", zone,
                                                   "\" from the zoneinfo database"));
  }
  return s;
}

}  // namespace helpdesk::notification
