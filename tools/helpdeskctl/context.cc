#include "tools/helpdeskctl/context.h"

#include <fcntl.h>
#include <google/protobuf/message.h>
#include <termios.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/client.h"
#include "tools/helpdeskctl/credentials.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"

namespace helpdesk::helpdeskctl {

absl::StatusOr<std::string> ReadPasswordFromTerminal(const std::string& prompt) {
  const int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        "no terminal to ask for the password: use --password-stdin");
  }
  struct termios saved;
  const bool is_tty = tcgetattr(fd, &saved) == 0;
  if (is_tty) {
    struct termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  (void)!write(fd, prompt.data(), prompt.size());
  std::string password;
  char c;
  while (read(fd, &c, 1) == 1 && c != '\n') password += c;
  if (is_tty) tcsetattr(fd, TCSAFLUSH, &saved);
  close(fd);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Context::Context(Io io) : io_(std::move(io)), zone_(absl::LocalTimeZone()) {}

Context::~Context() = default;

absl::StatusOr<Settings> Context::settings() {
  absl::StatusOr<Settings> settings = LoadSettings(setting_flags_, config_path_, io_.env);
  if (!settings.ok()) return WithExitCode(settings.status(), ExitCode::kUsage);
  return settings;
}

absl::StatusOr<Client*> Context::client() {
  if (client_ == nullptr) {
    HELPDESK_ASSIGN_OR_RETURN(Settings s, settings());
    client_ = std::make_unique<Client>(std::move(s), CredentialStore(ConfigDir(io_.env)), io_.now);
  }
  return client_.get();
}

absl::Status Context::Call(absl::string_view method, const google::protobuf::Message& request,
                           google::protobuf::Message* response) {
  HELPDESK_ASSIGN_OR_RETURN(Client * c, client());
  return c->Call(method, request, response);
}

absl::Status Context::CallStreaming(
    absl::string_view method,
    const std::function<absl::Status(const std::function<bool(const google::protobuf::Message&)>&)>&
        produce,
    google::protobuf::Message* response) {
  HELPDESK_ASSIGN_OR_RETURN(Client * c, client());
  return c->CallStreaming(method, produce, response);
}

absl::Status Context::Print(const google::protobuf::Message& message,
                            const std::function<std::string()>& table) {
  if (json()) {
    HELPDESK_ASSIGN_OR_RETURN(std::string text, ToJson(message));
    return PrintJsonOr(text, table);
  }
  return PrintJsonOr("", table);
}

absl::Status Context::PrintJsonOr(const std::string& json,
                                  const std::function<std::string()>& table) {
  out() << (this->json() ? json : table());
  out().flush();
  return absl::OkStatus();
}

absl::Status Context::RunAction() {
  if (!action_) return UsageError("no command given: see helpdeskctl --help");
  if (csv() && !allows_csv_) {
    return UsageError("--output csv: only `reports billing` prints CSV (use table or json)");
  }
  return action_();
}

}  // namespace helpdesk::helpdeskctl
