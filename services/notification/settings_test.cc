#include "services/notification/settings.h"

#include <gtest/gtest.h>

namespace helpdesk::notification {
namespace {

absl::StatusOr<NotificationSettings> Load(std::map<std::string, std::string> values) {
  return LoadSettings(config::Config::FromMap(std::move(values)));
}

std::string Error(std::map<std::string, std::string> values) {
  return std::string(Load(std::move(values)).status().message());
}

TEST(Settings, DefaultsDisableSendingAndKeepTheRest) {
  absl::StatusOr<NotificationSettings> s = Load({});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_FALSE(s->smtp.has_value());
  EXPECT_EQ(s->worker.from.address, "helpdesk@localhost");
  EXPECT_EQ(s->worker.lease, absl::Minutes(2));
  EXPECT_EQ(s->worker.retry.base, absl::Seconds(30));
  EXPECT_EQ(s->worker.retry.max_attempts, 10);
  EXPECT_EQ(s->planner.public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(s->planner.staff_language, "it");
  EXPECT_EQ(s->planner.queue_email, "");
}

TEST(Settings, SmtpSettingsAreRead) {
  absl::StatusOr<NotificationSettings> s =
      Load({{"SMTP_URL", "smtp://relay.example.com:587"},
            {"SMTP_STARTTLS", "true"},
            {"SMTP_USER", "helpdesk"},
            {"SMTP_PASSWORD", "pw"},
            {"SMTP_FROM", "Assistenza <assistenza@example.com>"},
            {"SMTP_REPLY_TO", "supporto@example.com"},
            {"QUEUE_EMAIL", "coda@example.com"},
            {"PUBLIC_URL", "https://helpdesk.example.com/"},
            {"SMTP_RETRY_BASE", "100ms"}});
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_TRUE(s->smtp.has_value());
  EXPECT_TRUE(s->smtp->starttls);
  EXPECT_EQ(s->smtp->user, "helpdesk");
  EXPECT_EQ(s->worker.from.display_name, "Assistenza");
  EXPECT_EQ(s->worker.reply_to.address, "supporto@example.com");
  EXPECT_EQ(s->planner.public_url, "https://helpdesk.example.com");
  EXPECT_EQ(s->worker.retry.base, absl::Milliseconds(100));
}

TEST(Settings, BadValuesAreNamed) {
  EXPECT_EQ(Error({{"SMTP_URL", "http://user:pw@relay"}}),
            "HELPDESK_SMTP_URL must be smtp://host:port or smtps://host:port, not "
            "\"http://***@relay\"");
  EXPECT_EQ(Error({{"SMTP_FROM", "Helpdesk <nobody>"}}),
            "HELPDESK_SMTP_FROM: \"Helpdesk <nobody>\" is not an e-mail address");
  EXPECT_EQ(Error({{"QUEUE_EMAIL", "coda"}}),
            "HELPDESK_QUEUE_EMAIL: \"coda\" is not an e-mail address");
  EXPECT_EQ(Error({{"SMTP_TIMEOUT", "3m"}}),
            "HELPDESK_SMTP_LEASE must be longer than HELPDESK_SMTP_TIMEOUT");
  EXPECT_EQ(Error({{"SMTP_RETRY_BASE", "1h"}}),
            "HELPDESK_SMTP_RETRY_MAX must be at least HELPDESK_SMTP_RETRY_BASE");
  EXPECT_EQ(Error({{"SMTP_MAX_ATTEMPTS", "0"}}), "HELPDESK_SMTP_MAX_ATTEMPTS must be at least 1");
  EXPECT_EQ(Error({{"STAFF_LANGUAGE", "de"}}), "HELPDESK_STAFF_LANGUAGE must be it or en");
  EXPECT_EQ(Error({{"PUBLIC_URL", "javascript:alert(1)"}}),
            "HELPDESK_PUBLIC_URL must be an http:// or https:// URL");
  EXPECT_EQ(Error({{"MAIL_TIME_ZONE", "Mars/Olympus"}}),
            "HELPDESK_MAIL_TIME_ZONE: cannot load \"Mars/Olympus\" from the zoneinfo database");
}

}  // namespace
}  // namespace helpdesk::notification
