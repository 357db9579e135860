// The attachment service: validated uploads, content-addressed storage,
// downloads and a message's images as a zip. Settings in settings.h besides
// those of libs/runtime/runtime.h.
#include <malloc.h>

#include "libs/runtime/runtime.h"
#include "libs/status/status_macros.h"
#include "services/attachment/attachment_service.h"
#include "services/attachment/garbage_collector.h"
#include "services/attachment/migrations.h"
#include "services/attachment/settings.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  // Content passes through in buffers of a few hundred KiB on many gRPC
  // threads; a fixed mmap threshold gives each back to the system when freed
  // instead of leaving it cached in a per-thread arena.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  return runtime::Main(
      {.name = "attachment", .grpc_port = 9103, .migrations = {migrations::Attachment()}}, argc,
      argv, [](runtime::Runtime& rt) -> absl::Status {
        HELPDESK_ASSIGN_OR_RETURN(static attachment::AttachmentSettings settings,
                                  attachment::LoadSettings(rt.config()));
        static attachment::ContentStore content(rt.pool(), settings.storage);
        static attachment::AttachmentStore store(rt.pool());
        static attachment::AttachmentServiceImpl service(store, content, settings.limits);
        rt.host().AddService(&service, attachment::v1::AttachmentService::service_full_name());
        static attachment::GarbageCollector collector(content, settings.unlinked_ttl,
                                                      settings.gc_interval);
        rt.OnShutdown([] { collector.Stop(); });
        collector.Start();
        return absl::OkStatus();
      });
}
