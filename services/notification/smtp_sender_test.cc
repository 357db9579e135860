#include "services/notification/smtp_sender.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace helpdesk::notification {
namespace {

TEST(SmtpSender, FiveHundredsArePermanentFourHundredsTemporary) {
  EXPECT_EQ(ClassifySmtpResult(CURLE_OK, 250, "").kind, SendOutcome::kSent);
  SendOutcome permanent = ClassifySmtpResult(CURLE_SEND_ERROR, 550, "RCPT failed");
  EXPECT_EQ(permanent.kind, SendOutcome::kPermanent);
  EXPECT_EQ(permanent.error, "SMTP 550: RCPT failed");
  EXPECT_EQ(ClassifySmtpResult(CURLE_WEIRD_SERVER_REPLY, 554, "x").kind, SendOutcome::kPermanent);
  EXPECT_EQ(ClassifySmtpResult(CURLE_SEND_ERROR, 451, "x").kind, SendOutcome::kTemporary);
  EXPECT_EQ(ClassifySmtpResult(CURLE_WEIRD_SERVER_REPLY, 421, "x").kind, SendOutcome::kTemporary);
}

TEST(SmtpSender, ConnectionProblemsAndRefusedLoginsAreTemporary) {
  EXPECT_EQ(ClassifySmtpResult(CURLE_COULDNT_CONNECT, 0, "refused").kind, SendOutcome::kTemporary);
  EXPECT_EQ(ClassifySmtpResult(CURLE_OPERATION_TIMEDOUT, 0, "slow").kind, SendOutcome::kTemporary);
  EXPECT_EQ(ClassifySmtpResult(CURLE_USE_SSL_FAILED, 0, "no tls").kind, SendOutcome::kTemporary);
  EXPECT_EQ(ClassifySmtpResult(CURLE_LOGIN_DENIED, 535, "no").kind, SendOutcome::kTemporary);
}

TEST(SmtpSender, UrlsAreCheckedAndRedacted) {
  EXPECT_TRUE(ValidateSmtpUrl("smtp://127.0.0.1:2525").ok());
  EXPECT_TRUE(ValidateSmtpUrl("smtps://user:pw@relay.example.com:465").ok());
  EXPECT_FALSE(ValidateSmtpUrl("http://relay").ok());
  EXPECT_FALSE(ValidateSmtpUrl("smtp://").ok());
  EXPECT_FALSE(ValidateSmtpUrl("relay:25").ok());
  EXPECT_EQ(RedactUrl("smtp://user:s3cret@relay:587"), "smtp://***@relay:587");
  EXPECT_EQ(RedactUrl("smtp://relay:587"), "smtp://relay:587");
  EXPECT_EQ(ValidateSmtpUrl("ftp://user:s3cret@relay").message().find("s3cret"), std::string::npos);
}

TEST(SmtpSender, RefusedConnectionIsTemporaryAndKeepsThePasswordSecret) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  int port = ntohs(addr.sin_port);
  close(fd);  // nobody listens there now
  SmtpSender sender({.url = absl::StrCat("smtp://127.0.0.1:", port),
                     .user = "helpdesk",
                     .password = "s3cret-pw",
                     .connect_timeout = absl::Seconds(2),
                     .timeout = absl::Seconds(2)});
  SendOutcome outcome = sender.Send("a@b.test", "c@d.test", "Subject: x\r\n\r\nbody\r\n");
  EXPECT_EQ(outcome.kind, SendOutcome::kTemporary);
  EXPECT_FALSE(outcome.error.empty());
  EXPECT_EQ(outcome.error.find("s3cret-pw"), std::string::npos);
}

}  // namespace
}  // namespace helpdesk::notification
