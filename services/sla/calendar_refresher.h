// Keeps a CalendarRegistry in step with calendars saved by other replicas:
// a thread that asks the store for the calendars' revisions every
// `interval` (one tiny query) and rebuilds the ones that changed. A replica
// applies its own saves at once (CalendarRegistry::Put); others within one
// interval.
//
//   CalendarRefresher refresher(calendars, store, absl::Seconds(10));
//   refresher.Start();
//   ...
//   refresher.Stop();
#pragma once

#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/sla/calendar_registry.h"
#include "services/sla/store.h"

namespace helpdesk::sla {

class CalendarRefresher {
 public:
  CalendarRefresher(CalendarRegistry& calendars, SlaStore& store, absl::Duration interval)
      : calendars_(calendars), store_(store), interval_(interval) {}
  ~CalendarRefresher() { Stop(); }

  void Start();
  void Stop();

 private:
  void Run();

  CalendarRegistry& calendars_;
  SlaStore& store_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace helpdesk::sla
