// Serves the web portal's files from HELPDESK_WEB_ROOT for GET and HEAD of
// paths outside /v1/: `/` is index.html, a folder is its index.html, content
// types by extension. A path with "..", a segment starting with ".", a NUL or
// a backslash is refused, and a file whose real path (symbolic links
// resolved) leaves the root is not served.
//
// The portal is a single-page application: a path whose last segment has no
// extension and names no file (`/tickets/42`) is answered with index.html.
// Every answer carries the portal's Content-Security-Policy (scripts, styles
// and connections from the gateway's own origin only; no inline script),
// and caching headers: the Vite build's hashed files under /assets/ are
// immutable for a year, everything else (index.html first) is revalidated.
//
//   StaticFiles files("/srv/portal");
//   HttpResponse r = files.Serve(head.method, head.path);
#pragma once

#include <string>
#include <string_view>

#include "services/gateway/http_message.h"

namespace helpdesk::gateway {

// The Content-Security-Policy of the portal's files. Images may come from
// blob: URLs (previews of chosen uploads, attachments fetched with the
// session) and data: URLs; nothing may frame the portal.
inline constexpr std::string_view kPortalContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

inline constexpr std::string_view kImmutableCacheControl = "public, max-age=31536000, immutable";

class StaticFiles {
 public:
  // `root` must exist; see Gateway for the check at start.
  explicit StaticFiles(std::string root);

  // 200 with the file (or index.html for a portal route); 404 JSON when
  // there is none or the path is refused; 405 for other methods.
  HttpResponse Serve(std::string_view method, std::string_view path) const;

  const std::string& root() const { return root_; }

 private:
  // The file under the root for the decoded `relative` path, or "".
  std::string Resolve(const std::string& relative) const;

  std::string root_;  // real path, no trailing slash
};

// "text/html; charset=utf-8" for "index.html"; application/octet-stream for
// unknown extensions.
std::string_view ContentTypeFor(std::string_view filename);

// Whether `path` (as requested) is a build output named by its content hash
// (`/assets/index-CD6b9iYG.js`), which may be cached forever.
bool IsHashedAsset(std::string_view path);

}  // namespace helpdesk::gateway
