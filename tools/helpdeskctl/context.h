// What every helpdeskctl command works with: the process's streams and
// environment (injected, so tests run commands in-process), the global
// flags, the settings and gRPC client made from them on first use, and the
// printing of answers as a table or JSON (--output).
//
//   ticket::v1::Ticket ticket;
//   HELPDESK_RETURN_IF_ERROR(ctx.Call(kGetTicket, request, &ticket));
//   return ctx.Print(ticket, [&] { return TicketDetails(ticket, ctx.zone()); });
#pragma once

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/helpdeskctl/settings.h"

namespace google::protobuf {
class Message;
}

namespace helpdesk::helpdeskctl {

class Client;

// A password read from the terminal without echo; FAILED_PRECONDITION when
// there is no terminal.
absl::StatusOr<std::string> ReadPasswordFromTerminal(const std::string& prompt);

struct Io {
  std::istream* in = &std::cin;
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  Environment env = ProcessEnvironment();
  std::function<absl::StatusOr<std::string>(const std::string& prompt)> read_password =
      ReadPasswordFromTerminal;
  std::function<absl::Time()> now = [] { return absl::Now(); };
};

class Context {
 public:
  explicit Context(Io io);
  ~Context();

  Io& io() { return io_; }
  std::ostream& out() { return *io_.out; }
  const absl::TimeZone& zone() const { return zone_; }

  // Global flags, bound by the command line parser: setting key → value
  // (only those given), --config, --output.
  std::map<std::string, std::string>& setting_flags() { return setting_flags_; }
  std::string& config_path() { return config_path_; }
  std::string& output() { return output_; }
  bool json() const { return output_ == "json"; }
  bool csv() const { return output_ == "csv"; }

  // Settings errors exit 2.
  absl::StatusOr<Settings> settings();
  absl::StatusOr<Client*> client();
  absl::Status Call(absl::string_view method, const google::protobuf::Message& request,
                    google::protobuf::Message* response);
  // A client-streaming call (Client::CallStreaming): `produce` writes the
  // requests with the function it is given.
  absl::Status CallStreaming(
      absl::string_view method,
      const std::function<
          absl::Status(const std::function<bool(const google::protobuf::Message&)>&)>& produce,
      google::protobuf::Message* response);

  // The answer as JSON with --output json, else table(); --output csv is a
  // usage error (only reports billing prints CSV).
  absl::Status Print(const google::protobuf::Message& message,
                     const std::function<std::string()>& table);
  // Prints already formatted JSON or the table.
  absl::Status PrintJsonOr(const std::string& json, const std::function<std::string()>& table);

  // The chosen command's work, set while parsing and run after it.
  void SetAction(std::function<absl::Status()> action, bool allows_csv = false) {
    action_ = std::move(action);
    allows_csv_ = allows_csv;
  }
  // Runs the action; --output csv is refused first unless the command
  // prints CSV.
  absl::Status RunAction();

 private:
  Io io_;
  absl::TimeZone zone_;
  std::map<std::string, std::string> setting_flags_;
  std::string config_path_;
  std::string output_ = "table";
  std::unique_ptr<Client> client_;
  std::function<absl::Status()> action_;
  bool allows_csv_ = false;
};

}  // namespace helpdesk::helpdeskctl
