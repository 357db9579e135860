// helpdeskctl's gRPC client: one channel per service address, a deadline on
// every call, the stored login as `authorization: Bearer …`, refreshed once
// (and the call retried) when the service says it expired, and errors
// turned into one-line messages with helpdeskctl's exit codes:
//   "cannot reach the ticket service at 127.0.0.1:17112: …"   (exit 6)
//   "login expired: run helpdeskctl login"                      (exit 3)
//   the server's own message otherwise                          (exit 1, 4, 5)
//
//   Client client(settings, CredentialStore(ConfigDir(env)), now);
//   ticket::v1::Ticket ticket;
//   HELPDESK_RETURN_IF_ERROR(
//       client.Call("helpdesk.ticket.v1.TicketService.GetTicket", request, &ticket));
//
// Methods are named by their full proto name and called generically (the
// request and response types are checked against the method's descriptor),
// so only this file depends on gRPC; commands use plain messages.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/helpdeskctl/credentials.h"
#include "tools/helpdeskctl/settings.h"

namespace google::protobuf {
class Message;
}

namespace helpdesk::helpdeskctl {

class Client {
 public:
  Client(Settings settings, CredentialStore store, std::function<absl::Time()> now);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Calls `method` with the stored login. UNAUTHENTICATED (exit 3) when
  // there is none, it cannot be read, or it expired and cannot be refreshed.
  absl::Status Call(absl::string_view method, const google::protobuf::Message& request,
                    google::protobuf::Message* response);

  // IdentityService.Login; stores the tokens. The server's refusal as is
  // (a wrong password is UNAUTHENTICATED, exit 3).
  absl::Status Login(const std::string& username, const std::string& password,
                     bool* must_change_password);

  // IdentityService.Logout (best effort) and forgets the stored login.
  // `warning` is set when the server could not be told.
  absl::Status Logout(std::string* warning);

  const CredentialStore& store() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace helpdesk::helpdeskctl
