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
// so only this file depends on gRPC; commands use plain messages. A
// client-streaming method (AttachmentService.Upload) is called with
// CallStreaming: the requests come from a function that can be run again,
// since a refused login is refreshed and the call made once more.
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

  // Writes one request of a stream: false once the server has stopped
  // reading (its answer says why).
  using StreamWriter = std::function<bool(const google::protobuf::Message&)>;
  // Calls the client-streaming `method` with the stored login: `produce`
  // writes the requests (its error ends the call and is returned). As Call,
  // it may run `produce` twice, the second time after a refresh.
  absl::Status CallStreaming(absl::string_view method,
                             const std::function<absl::Status(const StreamWriter&)>& produce,
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
