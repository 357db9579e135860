// Fires the SLA timers: SlaWarning at the warning instant, SlaBreached at the
// take-in-charge due and at the urgent on-site due, each exactly once.
//
//   TimerScheduler scheduler(pool, clock, {});
//   scheduler.Start();     // a thread: fire what is due, sleep until the next instant
//   ...
//   scheduler.Stop();
//
// Each pass claims due timer rows (timers.next_fire_at <= now, through the
// partial index, oldest first) with FOR UPDATE SKIP LOCKED, writes the events
// to the outbox and marks them fired in the same transaction. So:
// - exactly once: an event exists if and only if its fired flag was set;
// - replicas: rows another scheduler holds are skipped, never waited for,
//   and once it commits they are no longer due;
// - catch-up: after downtime the first pass finds every instant that passed
//   (a warning whose breach is due too is marked done, not sent);
// - punctual: the thread sleeps until the next instant but at most
//   `poll_interval`, which bounds how late a timer created meanwhile (by
//   the consumer, or by another replica) is noticed.
// The clock is injected: tests drive FireDue() with a FakeClock over a real
// database, and never sleep.
#pragma once

#include <optional>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/db/pool.h"
#include "services/sla/clock.h"

namespace helpdesk::sla {

struct SchedulerOptions {
  int batch_size = 256;  // rows claimed per transaction
  absl::Duration poll_interval = absl::Milliseconds(500);
  absl::Duration error_backoff = absl::Seconds(1);
};

class TimerScheduler {
 public:
  TimerScheduler(db::Pool& pool, const Clock& clock, SchedulerOptions options = {});
  ~TimerScheduler();

  // One pass: fires everything due at clock.Now(), batch after batch until
  // none is left; the number of events written.
  absl::StatusOr<int> FireDue();
  // The earliest instant still to fire, if any.
  absl::StatusOr<std::optional<absl::Time>> NextFireAt();

  void Start();
  void Stop();
  // Makes the thread look again now (e.g. after a test moved the clock).
  void Wake();

 private:
  // One transaction: claims up to batch_size due rows and fires them.
  absl::StatusOr<int> FireBatch(absl::Time now, int* claimed);
  void Run();

  db::Pool& pool_;
  const Clock& clock_;
  const SchedulerOptions options_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace helpdesk::sla
