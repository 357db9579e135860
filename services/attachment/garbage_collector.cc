#include "services/attachment/garbage_collector.h"

#include "libs/log/log.h"

namespace helpdesk::attachment {

void GarbageCollector::Start() {
  thread_ = std::thread([this] { Run(); });
}

void GarbageCollector::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void GarbageCollector::Run() {
  while (true) {
    absl::StatusOr<int> deleted = content_.CollectGarbage(unlinked_ttl_);
    if (!deleted.ok()) {
      log::Warn("garbage collection failed", {{"error", deleted.status().ToString()}});
    } else if (*deleted > 0) {
      log::Info("deleted unreferenced content", {{"count", *deleted}});
    }
    absl::MutexLock lock(&mu_);
    auto stopping = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) return;
  }
}

}  // namespace helpdesk::attachment
