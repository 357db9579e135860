#include "tools/helpdeskctl/credentials.h"

#include <errno.h>
#include <fcntl.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace helpdesk::helpdeskctl {
namespace {

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat("cannot ", what, " ", path, ": ", std::strerror(errno)));
}

// mkdir -p, each created folder 0700.
absl::Status MakeDirs(const std::string& dir) {
  if (dir.empty()) return absl::OkStatus();
  struct stat st;
  if (stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return absl::OkStatus();
    errno = ENOTDIR;
    return Errno("create the folder", dir);
  }
  const size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    absl::Status parent = MakeDirs(dir.substr(0, slash));
    if (!parent.ok()) return parent;
  }
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Errno("create the folder", dir);
  return absl::OkStatus();
}

std::string StringField(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  if (it == s.fields().end() || !it->second.has_string_value()) return "";
  return it->second.string_value();
}

}  // namespace

CredentialStore::CredentialStore(std::string dir)
    : dir_(std::move(dir)), path_(dir_ + "/credentials.json") {}

absl::StatusOr<std::optional<Credentials>> CredentialStore::Load() const {
  struct stat st;
  if (stat(path_.c_str(), &st) != 0 && errno == ENOENT) return std::nullopt;
  std::ifstream in(path_);
  if (!in) return absl::DataLossError(absl::StrCat("cannot read ", path_));
  std::stringstream text;
  text << in.rdbuf();
  google::protobuf::Struct json;
  const auto bad = absl::DataLossError(absl::StrCat(path_, " is not a helpdeskctl login"));
  if (!google::protobuf::util::JsonStringToMessage(text.str(), &json).ok()) return bad;
  Credentials credentials;
  credentials.username = StringField(json, "username");
  credentials.access_token = StringField(json, "accessToken");
  credentials.refresh_token = StringField(json, "refreshToken");
  if (credentials.access_token.empty()) return bad;
  std::string error;
  const std::string expires = StringField(json, "expiresAt");
  if (!expires.empty() &&
      !absl::ParseTime(absl::RFC3339_full, expires, &credentials.expires_at, &error)) {
    return bad;
  }
  return credentials;
}

absl::Status CredentialStore::Save(const Credentials& credentials) const {
  absl::Status dirs = MakeDirs(dir_);
  if (!dirs.ok()) return dirs;
  google::protobuf::Struct json;
  auto& fields = *json.mutable_fields();
  fields["username"].set_string_value(credentials.username);
  fields["accessToken"].set_string_value(credentials.access_token);
  fields["refreshToken"].set_string_value(credentials.refresh_token);
  fields["expiresAt"].set_string_value(
      absl::FormatTime(absl::RFC3339_sec, credentials.expires_at, absl::UTCTimeZone()));
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(json, &text, options).ok()) {
    return absl::InternalError("cannot encode the login");
  }
  const std::string temp = absl::StrCat(path_, ".tmp.", getpid());
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Errno("write", temp);
  // The mode given to open() is filtered by the umask; make it exactly 0600.
  bool ok = fchmod(fd, 0600) == 0;
  size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  const int saved_errno = errno;
  close(fd);
  if (!ok || rename(temp.c_str(), path_.c_str()) != 0) {
    if (!ok) errno = saved_errno;
    absl::Status failed = Errno("write", path_);
    unlink(temp.c_str());
    return failed;
  }
  return absl::OkStatus();
}

absl::Status CredentialStore::Remove() const {
  if (unlink(path_.c_str()) != 0 && errno != ENOENT) return Errno("remove", path_);
  return absl::OkStatus();
}

}  // namespace helpdesk::helpdeskctl
