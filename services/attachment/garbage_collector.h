// The periodic task deleting uploads never linked to a message and the
// content nobody names any more (ContentStore::CollectGarbage). Every
// replica runs it; the deletions are row-locked, so they never collide.
#pragma once

#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/attachment/content_store.h"

namespace helpdesk::attachment {

class GarbageCollector {
 public:
  GarbageCollector(ContentStore& content, absl::Duration unlinked_ttl, absl::Duration interval)
      : content_(content), unlinked_ttl_(unlinked_ttl), interval_(interval) {}
  ~GarbageCollector() { Stop(); }

  void Start();
  void Stop();

 private:
  void Run();

  ContentStore& content_;
  const absl::Duration unlinked_ttl_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace helpdesk::attachment
