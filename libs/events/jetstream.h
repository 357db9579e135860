// A connection to NATS with its JetStream context, and the one stream that
// carries every domain event.
//
//   HELPDESK_ASSIGN_OR_RETURN(auto nats, events::JetStream::Connect(url, "ticket"));
//   HELPDESK_RETURN_IF_ERROR(nats->EnsureStream({}));
//
// The connection reconnects by itself for ever after it was first made, so a
// NATS restart needs no operator; Healthy() tells whether it is up now.
#pragma once

#include <nats/nats.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace helpdesk::events {

struct StreamOptions {
  std::string name = "HELPDESK_EVENTS";
  std::string subjects = "helpdesk.events.>";
  // How long JetStream remembers message ids to drop a republished event.
  // Must exceed the outbox's retention of published rows (RelayOptions).
  absl::Duration duplicate_window = absl::Minutes(10);
  absl::Duration max_age = absl::Hours(24 * 7);
};

class JetStream {
 public:
  // UNAVAILABLE "cannot connect to NATS at …" when the server does not answer.
  static absl::StatusOr<std::unique_ptr<JetStream>> Connect(const std::string& url,
                                                            const std::string& client_name);
  ~JetStream();

  // Creates the stream, or updates it to these options.
  absl::Status EnsureStream(const StreamOptions& options);

  bool Healthy() const;
  natsConnection* connection() const { return conn_; }
  jsCtx* context() const { return js_; }

 private:
  JetStream(natsConnection* conn, jsCtx* js) : conn_(conn), js_(js) {}
  natsConnection* conn_;
  jsCtx* js_;
};

// "nats: <text>" for a failed call.
absl::Status NatsError(natsStatus status, const std::string& what);

}  // namespace helpdesk::events
