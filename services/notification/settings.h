// The notification service's settings (environment HELPDESK_X or flag --x),
// besides those of libs/runtime/runtime.h:
//
//   SMTP_URL             smtp://host:port or smtps://host:port; unset: sending
//                        is disabled (deliveries stay QUEUED, logged once)
//   SMTP_STARTTLS        true: require STARTTLS on smtp:// (default false)
//   SMTP_USER            optional login
//   SMTP_PASSWORD        optional; never logged
//   SMTP_FROM            sender, "Name <address>" (default
//                        "Helpdesk <helpdesk@localhost>")
//   SMTP_REPLY_TO        optional Reply-To, same form
//   SMTP_CONNECT_TIMEOUT connection timeout (default 10s)
//   SMTP_TIMEOUT         a whole SMTP exchange (default 30s)
//   SMTP_LEASE           how long a claimed delivery stays SENDING before it
//                        counts as interrupted (default 2m; > SMTP_TIMEOUT)
//   SMTP_RETRY_BASE      first back-off after a temporary failure (default 30s)
//   SMTP_RETRY_MAX       longest back-off (default 30m)
//   SMTP_MAX_ATTEMPTS    tries before a temporarily failing delivery is
//                        FAILED (default 10)
//   SMTP_POLL_INTERVAL   the worker's fallback poll (default 5s)
//   QUEUE_EMAIL          the consultants' queue address (new tickets; SLA
//                        mails of unassigned tickets); unset: those are skipped
//   MANAGER_EMAIL        also told of SLA breaches; unset: nobody else
//   STAFF_LANGUAGE       language of queue and manager mails (default it)
//   PUBLIC_URL           the portal, for links (default http://127.0.0.1:8080)
//   MAIL_TIME_ZONE       how times are written in mails (default Europe/Rome)
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "libs/config/config.h"
#include "services/notification/delivery_worker.h"
#include "services/notification/planner.h"
#include "services/notification/smtp_sender.h"

namespace helpdesk::notification {

struct NotificationSettings {
  std::optional<SmtpSettings> smtp;  // nullopt: sending disabled
  WorkerOptions worker;
  PlannerSettings planner;
};

// INVALID_ARGUMENT naming the first bad setting.
absl::StatusOr<NotificationSettings> LoadSettings(const config::Config& config);

}  // namespace helpdesk::notification
