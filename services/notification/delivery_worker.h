// Sends queued deliveries: claims one due row at a time (FOR UPDATE SKIP
// LOCKED, so replicas share the queue), commits it as SENDING with a lease
// before talking to the SMTP server, then records SENT, a retry with
// back-off, or FAILED. Wakes on the NOTIFY the consumer's insert sends at
// commit, and polls as a fallback; expired leases of crashed workers are
// recovered on every pass (docs/notifications.md).
//
//   DeliveryWorker worker(pool, &sender, options);   // sender null: keep queued
//   worker.Start();
//   …
//   worker.Stop();                                  // waits for a send in flight
#pragma once

#include <atomic>
#include <thread>

#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "libs/db/pool.h"
#include "services/notification/backoff.h"
#include "services/notification/delivery_store.h"
#include "services/notification/mime.h"
#include "services/notification/smtp_sender.h"

namespace helpdesk::notification {

struct WorkerOptions {
  MailAddress from;      // SMTP_FROM
  MailAddress reply_to;  // SMTP_REPLY_TO; none when empty
  // How long a claim stays valid: longer than an SMTP exchange may last
  // (settings check it exceeds SMTP_TIMEOUT).
  absl::Duration lease = absl::Minutes(2);
  absl::Duration poll_interval = absl::Seconds(5);
  RetryPolicy retry;
};

class DeliveryWorker {
 public:
  // `sender` may be null: sending is disabled, deliveries stay QUEUED.
  DeliveryWorker(db::Pool& pool, MailSender* sender, WorkerOptions options);
  ~DeliveryWorker();

  void Start();
  void Stop();

  // One pass: recovers expired leases, then (when sending is enabled) sends
  // every due delivery. The number of send attempts made.
  absl::StatusOr<int> RunOnce();

 private:
  void Run();
  void Send(const ClaimedDelivery& delivery);
  // Refreshes the pending gauges; how long to wait before the next pass.
  absl::Duration NextWait();

  db::Pool& pool_;
  DeliveryStore store_;
  MailSender* const sender_;
  const WorkerOptions options_;
  absl::BitGen random_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace helpdesk::notification
