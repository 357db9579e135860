// Serves the web portal's files from HELPDESK_WEB_ROOT for GET and HEAD of
// paths outside /v1/: `/` is index.html, a folder is its index.html, content
// types by extension. A path with "..", a NUL or a backslash is refused, and
// a file whose real path (symbolic links resolved) leaves the root is not
// served.
//
//   StaticFiles files("/srv/portal");
//   HttpResponse r = files.Serve(head.method, head.path);
#pragma once

#include <string>
#include <string_view>

#include "services/gateway/http_message.h"

namespace helpdesk::gateway {

class StaticFiles {
 public:
  // `root` must exist; see Gateway for the check at start.
  explicit StaticFiles(std::string root);

  // 200 with the file; 404 JSON when there is none; 405 for other methods.
  HttpResponse Serve(std::string_view method, std::string_view path) const;

  const std::string& root() const { return root_; }

 private:
  std::string root_;  // real path, no trailing slash
};

// "text/html; charset=utf-8" for "index.html"; application/octet-stream for
// unknown extensions.
std::string_view ContentTypeFor(std::string_view filename);

}  // namespace helpdesk::gateway
