#include "services/notification/smtp_sender.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace helpdesk::notification {
namespace {

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Keeps the server's last reply line (what came in, never what we sent: the
// AUTH exchange goes out), for a useful last_error.
int KeepServerReply(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *static_cast<std::string*>(user) = line.substr(0, 200);
  return 0;
}

std::string Bracketed(const std::string& address) { return absl::StrCat("<", address, ">"); }

}  // namespace

absl::Status ValidateSmtpUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  std::string_view scheme = scheme_end == std::string_view::npos ? "" : url.substr(0, scheme_end);
  std::string_view rest = scheme_end == std::string_view::npos ? "" : url.substr(scheme_end + 3);
  if ((scheme != "smtp" && scheme != "smtps") || rest.empty() || rest.front() == ':' ||
      rest.front() == '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("HELPDESK_SMTP_URL must be smtp://host:port or smtps://host:port, not \"",
                     RedactUrl(url), "\""));
  }
  return absl::OkStatus();
}

std::string RedactUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  size_t at = url.find('@', start);
  size_t slash = url.find('/', start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && at > slash)) {
    return std::string(url);
  }
  return absl::StrCat(std::string(url.substr(0, start)), "***@", std::string(url.substr(at + 1)));
}

SendOutcome ClassifySmtpResult(int curl_code, int smtp_code, std::string_view detail) {
  SendOutcome outcome;
  outcome.smtp_code = smtp_code;
  if (curl_code == CURLE_OK) return outcome;
  outcome.error = smtp_code > 0 ? absl::StrCat("SMTP ", smtp_code, ": ", std::string(detail))
                                : std::string(detail);
  bool login_refused = curl_code == CURLE_LOGIN_DENIED;
  outcome.kind = smtp_code >= 500 && smtp_code < 600 && !login_refused ? SendOutcome::kPermanent
                                                                       : SendOutcome::kTemporary;
  return outcome;
}

SmtpSender::SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SmtpSender::~SmtpSender() {
  absl::MutexLock lock(&mu_);
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SendOutcome SmtpSender::Send(const std::string& envelope_from, const std::string& recipient,
                             const std::string& message) {
  absl::MutexLock lock(&mu_);
  if (curl_ == nullptr) curl_ = curl_easy_init();
  if (curl_ == nullptr) return {SendOutcome::kTemporary, 0, "cannot start libcurl"};
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // options only: the open connection stays for reuse
  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::string server_reply;
  Upload upload{&message};
  std::string from = Bracketed(envelope_from);
  curl_slist* recipients = curl_slist_append(nullptr, Bracketed(recipient).c_str());

  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(settings_.connect_timeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(settings_.timeout)));
  // Also bounds the QUIT of a connection closed later.
  curl_easy_setopt(
      curl, CURLOPT_SERVER_RESPONSE_TIMEOUT,
      static_cast<long>(std::max<int64_t>(1, absl::ToInt64Seconds(settings_.timeout))));
  if (settings_.starttls)
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.user.empty()) curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.user.c_str());
  if (!settings_.password.empty()) {
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE, static_cast<long>(message.size()));
  // The debug callback only keeps the server's replies; nothing is printed.
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, KeepServerReply);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &server_reply);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);

  CURLcode result = curl_easy_perform(curl);
  long smtp_code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtp_code);
  if (result != CURLE_OK) {
    // A connection left in an unknown state is not reused.
    curl_easy_cleanup(curl);
    curl_ = nullptr;
  } else {
    // Nothing of this call may outlive it in the handle (buffers, callbacks,
    // the recipient list): the connection stays, with the timeouts.
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, nullptr);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_READDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
  }
  curl_slist_free_all(recipients);

  std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(result);
  if (result != CURLE_OK && !server_reply.empty() && smtp_code >= 400) {
    absl::StrAppend(&detail, " (server: ", server_reply, ")");
  }
  if (!settings_.password.empty()) {
    detail = absl::StrReplaceAll(detail, {{settings_.password, "***"}});
  }
  return ClassifySmtpResult(result, static_cast<int>(smtp_code), detail);
}

}  // namespace helpdesk::notification
