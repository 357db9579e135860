// A durable JetStream consumer that applies each event exactly once to the
// service's database.
//
//   events::Consumer consumer(*pool, *nats, {.durable = "notification"});
//   consumer.On<events::v1::TicketCreated>(
//       [&](pqxx::work& tx, const events::v1::TicketCreated& e) -> absl::Status {
//         ...  // effects, in tx
//         return absl::OkStatus();
//       });
//   HELPDESK_RETURN_IF_ERROR(consumer.Start());
//
// For each message the consumer opens a transaction, records the event id in
// `processed_events` (skipping the handler when it is already there), runs
// the handler, commits, and only then acknowledges. A handler error rolls
// everything back and the message is redelivered after a back-off. Events of
// subjects without a handler are acknowledged and skipped.
#pragma once

#include <nats/nats.h>

#include <atomic>
#include <functional>
#include <map>
#include <pqxx/transaction>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/db/pool.h"
#include "libs/events/jetstream.h"

namespace helpdesk::events {

struct ConsumerOptions {
  // The durable consumer's name; also the key in processed_events.
  std::string durable;
  std::string stream = "HELPDESK_EVENTS";
  std::string filter_subject = "helpdesk.events.>";
  int batch_size = 64;
  absl::Duration ack_wait = absl::Seconds(30);
  absl::Duration retry_delay = absl::Seconds(1);
};

class Consumer {
 public:
  using RawHandler = std::function<absl::Status(pqxx::work&, std::string_view payload)>;

  Consumer(db::Pool& pool, JetStream& nats, ConsumerOptions options);
  ~Consumer();

  template <typename Event>
  void On(std::function<absl::Status(pqxx::work&, const Event&)> handler) {
    handlers_[Event::descriptor()->full_name()] =
        [handler = std::move(handler)](pqxx::work& tx, std::string_view payload) -> absl::Status {
      Event event;
      if (!event.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
        return absl::DataLossError(absl::StrCat("cannot parse ", Event::descriptor()->full_name()));
      }
      return handler(tx, event);
    };
  }

  // Creates or binds the durable consumer and starts the fetch loop.
  absl::Status Start();
  void Stop();

  // Applies one delivered message; true when it should be acknowledged.
  // Exposed for the fetch loop and tests.
  absl::StatusOr<bool> Apply(const std::string& subject, const std::string& event_id,
                             std::string_view payload);

 private:
  void Run();
  void Handle(natsMsg* msg);

  db::Pool& pool_;
  JetStream& nats_;
  const ConsumerOptions options_;
  std::map<std::string, RawHandler> handlers_;
  natsSubscription* sub_ = nullptr;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace helpdesk::events
