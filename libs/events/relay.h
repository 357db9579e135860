// Relays a service's outbox to NATS JetStream.
//
//   events::OutboxRelay relay(*pool, *nats, {});
//   relay.Start();
//   ...
//   relay.Stop();
//
// A background thread claims unpublished rows in id order with FOR UPDATE
// SKIP LOCKED (so replicas share the work without publishing a row twice at
// once), publishes them with the event id as `Nats-Msg-Id`, waits for
// JetStream's acknowledgements, and marks them published in the same
// transaction. It wakes on the NOTIFY that Enqueue sends at commit, and polls
// as a fallback.
//
// At-least-once, with duplicates dropped by JetStream: a crash between the
// acknowledgement and the commit republishes the batch, and JetStream drops
// it by message id. Published rows are kept for `retention`, and on start the
// relay republishes the rows published in the last `republish_on_start`,
// because nats-server acknowledges before it fsyncs (about every minute): a
// crash of the whole machine may lose acknowledged messages, and the
// republish restores them. The stream's duplicate window must exceed both.
#pragma once

#include <atomic>
#include <thread>

#include "absl/time/time.h"
#include "libs/db/pool.h"
#include "libs/events/jetstream.h"

namespace helpdesk::events {

struct RelayOptions {
  int batch_size = 256;
  absl::Duration poll_interval = absl::Seconds(1);
  absl::Duration retention = absl::Minutes(5);
  absl::Duration republish_on_start = absl::Minutes(2);
  absl::Duration publish_timeout = absl::Seconds(5);
};

class OutboxRelay {
 public:
  OutboxRelay(db::Pool& pool, JetStream& nats, RelayOptions options);
  ~OutboxRelay();

  void Start();
  void Stop();

  // Publishes everything pending now; the number of events published.
  // Exposed for tests and for the thread's loop.
  absl::StatusOr<int> PublishPending();
  // Deletes rows published longer ago than the retention.
  absl::Status Purge();

 private:
  void Run();
  absl::StatusOr<int> PublishBatch();

  db::Pool& pool_;
  JetStream& nats_;
  const RelayOptions options_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace helpdesk::events
