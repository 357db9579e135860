// The staff login helpdeskctl keeps between runs: the access and refresh
// tokens in `<config dir>/credentials.json` (see settings.h for the folder),
// readable by the user only. The folder is created 0700, the file 0600,
// written to a temporary file and renamed, so a crash never leaves half a
// file and the tokens are never readable by others, not even for a moment.
//
//   CredentialStore store(ConfigDir(env));
//   HELPDESK_RETURN_IF_ERROR(store.Save({"admin", access, refresh, expires_at}));
//   absl::StatusOr<std::optional<Credentials>> saved = store.Load();
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace helpdesk::helpdeskctl {

struct Credentials {
  std::string username;
  std::string access_token;
  std::string refresh_token;
  absl::Time expires_at = absl::InfinitePast();  // of the access token
};

class CredentialStore {
 public:
  explicit CredentialStore(std::string dir);

  const std::string& path() const { return path_; }

  // nullopt when there is no file; DATA_LOSS naming the file when it cannot
  // be read or is not a login written by helpdeskctl.
  absl::StatusOr<std::optional<Credentials>> Load() const;
  // INTERNAL naming the path when the folder or file cannot be written.
  absl::Status Save(const Credentials& credentials) const;
  // Removes the file; OK when there was none.
  absl::Status Remove() const;

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace helpdesk::helpdeskctl
