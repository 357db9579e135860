#include "services/sla/calendar_refresher.h"

#include "libs/log/log.h"

namespace helpdesk::sla {

void CalendarRefresher::Start() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = false;
  }
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void CalendarRefresher::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void CalendarRefresher::Run() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stop_), interval_);
      if (stop_) return;
    }
    absl::Status status = calendars_.Refresh(store_);
    if (!status.ok()) {
      log::Warn("calendars: refresh failed; keeping the previous ones",
                {{"error", status.ToString()}});
    }
  }
}

}  // namespace helpdesk::sla
