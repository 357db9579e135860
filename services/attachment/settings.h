// The attachment service's settings (environment HELPDESK_X or flag --x),
// besides those of libs/runtime/runtime.h:
//
//   MAX_IMAGE_BYTES   largest png/jpeg upload (default 10485760, 10 MiB)
//   MAX_FILE_BYTES    largest upload of the other kinds (default 26214400, 25 MiB)
//   STORAGE_BACKEND   postgres (default) or filesystem
//   STORAGE_DIR       the content folder (a mounted volume); required with
//                     the filesystem backend
//   UNLINKED_TTL      how long an upload may wait to be linked to a message
//                     before it is deleted (default 24h)
//   GC_INTERVAL       how often the garbage collector runs (default 1h)
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/config/config.h"
#include "services/attachment/content_store.h"
#include "services/attachment/validation.h"

namespace helpdesk::attachment {

struct AttachmentSettings {
  SizeLimits limits;
  ContentStoreOptions storage;
  absl::Duration unlinked_ttl = absl::Hours(24);
  absl::Duration gc_interval = absl::Hours(1);
};

// INVALID_ARGUMENT naming the first bad setting.
absl::StatusOr<AttachmentSettings> LoadSettings(const config::Config& config);

}  // namespace helpdesk::attachment
