#include "services/attachment/settings.h"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "libs/status/status_macros.h"

namespace helpdesk::attachment {

absl::StatusOr<AttachmentSettings> LoadSettings(const config::Config& config) {
  AttachmentSettings s;
  HELPDESK_ASSIGN_OR_RETURN(int image_bytes, config.Int("MAX_IMAGE_BYTES", 10 * 1024 * 1024));
  HELPDESK_ASSIGN_OR_RETURN(int file_bytes, config.Int("MAX_FILE_BYTES", 25 * 1024 * 1024));
  if (image_bytes <= 0 || file_bytes <= 0) {
    return absl::InvalidArgumentError(
        "HELPDESK_MAX_IMAGE_BYTES and HELPDESK_MAX_FILE_BYTES must be positive");
  }
  s.limits.image_bytes = image_bytes;
  s.limits.file_bytes = file_bytes;
  std::string backend = config.Get("STORAGE_BACKEND", "postgres");
  s.storage.directory = config.Get("STORAGE_DIR", "");
  if (backend == "postgres") {
    s.storage.backend = ContentStoreOptions::Backend::kPostgres;
  } else if (backend == "filesystem") {
    s.storage.backend = ContentStoreOptions::Backend::kFilesystem;
    if (s.storage.directory.empty()) {
      return absl::InvalidArgumentError(
          "HELPDESK_STORAGE_DIR is not set (required with HELPDESK_STORAGE_BACKEND=filesystem)");
    }
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("HELPDESK_STORAGE_BACKEND: \"", backend, "\" is not postgres or filesystem"));
  }
  if (!s.storage.directory.empty()) {
    struct stat st;
    if (stat(s.storage.directory.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat("HELPDESK_STORAGE_DIR: \"", s.storage.directory, "\" is not a folder"));
    }
  }
  HELPDESK_ASSIGN_OR_RETURN(s.unlinked_ttl, config.Duration("UNLINKED_TTL", absl::Hours(24)));
  HELPDESK_ASSIGN_OR_RETURN(s.gc_interval, config.Duration("GC_INTERVAL", absl::Hours(1)));
  if (s.gc_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("HELPDESK_GC_INTERVAL must be positive");
  }
  return s;
}

}  // namespace helpdesk::attachment
