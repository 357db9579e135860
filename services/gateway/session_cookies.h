// The web portal's session: HttpOnly cookies instead of a bearer token in page
// scripts, and a CSRF token on state-changing requests (SPEC §7; the contract
// is documented in docs/gateway.md, "The portal's session cookies").
//
// For a request of the portal (`X-Helpdesk-Client: portal`), a successful
// sign-in, refresh or password change answers with the cookies hd_session
// (the access token), hd_refresh (the refresh token, sent only to /v1/auth)
// and hd_csrf (readable by scripts), and the tokens are taken out of the JSON
// body. A request without an Authorization header but with hd_session is
// authenticated with that token; unless it is a GET or HEAD, its
// X-CSRF-Token header must equal the hd_csrf cookie. A portal sign-out
// clears the cookies.
//
//   HELPDESK_ASSIGN_OR_RETURN(PortalSession portal,
//                             PortalSession::Begin(route, head, proxies, metadata));
//   std::string body = portal.RequestBody(http_body);   // before BuildRequest
//   ...
//   portal.FinishResponse(response);                    // before Respond
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/headers.h"
#include "services/gateway/http_message.h"

namespace helpdesk::gateway {

struct Route;

inline constexpr std::string_view kSessionCookie = "hd_session";
inline constexpr std::string_view kRefreshCookie = "hd_refresh";
inline constexpr std::string_view kCsrfCookie = "hd_csrf";
inline constexpr std::string_view kCsrfError = "csrf: missing or wrong X-CSRF-Token header";

// A cookie of the request's Cookie headers (RFC 6265 §5.4 "name=value" pairs
// separated by ";"), the first one when the name repeats; nullopt if absent.
// Surrounding blanks and a pair of double quotes around the value are removed.
std::optional<std::string> FindCookie(const std::vector<HttpHeader>& headers,
                                      std::string_view name);

// Whether `a` and `b` are equal, in a time that does not depend on where they
// differ (it may depend on their lengths).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Whether the browser reached us over TLS: the gateway itself serves plain
// HTTP, so only when the socket peer is a trusted proxy whose
// X-Forwarded-Proto says https (its first entry: the client-facing proxy's).
bool RequestIsSecure(const HttpRequestHead& head, const TrustedProxies& proxies);

struct CookieAttributes {
  std::string_view path = "/";
  bool http_only = true;
  bool secure = false;
};
// A Set-Cookie value: "name=value; Path=/; HttpOnly; SameSite=Strict[; Secure]".
std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieAttributes& attributes);
// The Set-Cookie value that removes the cookie (same path, Max-Age=0).
std::string ClearCookieValue(std::string_view name, const CookieAttributes& attributes);

// What the cookie session means for one API request, from its start (route,
// head) to its answer.
class PortalSession {
 public:
  // Authenticates a request that has no Authorization header with its
  // hd_session cookie (authorization metadata "Bearer <token>"), and removes
  // the portal's cookies from the forwarded cookie metadata: backends never
  // see them. PERMISSION_DENIED (kCsrfError) when such a request is not a GET
  // or HEAD and its X-CSRF-Token header is missing or differs from hd_csrf.
  static absl::StatusOr<PortalSession> Begin(const Route& route, const HttpRequestHead& head,
                                             const TrustedProxies& proxies, Metadata& metadata);

  // The JSON body to transcode: for a refresh of the portal and a sign-out
  // by cookie, the hd_refresh cookie as "refreshToken" when the body has
  // none. Any other body is returned as it is (a body that is not a JSON
  // object too: BuildRequest reports it).
  std::string RequestBody(std::string_view body) const;

  // Sets or clears the cookies on the answer: a portal's successful
  // sign-in, refresh or password change gets the three cookies and loses the
  // tokens from its body; a portal's sign-out clears them, whatever its
  // outcome (the browser is signed out even if the session had already
  // ended). Other answers are left alone.
  void FinishResponse(HttpResponse& response) const;

 private:
  enum class Kind { kOther, kLogin, kRefresh, kChangePassword, kLogout };
  Kind kind_ = Kind::kOther;
  bool portal_ = false;         // X-Helpdesk-Client: portal
  bool uses_cookies_ = false;   // no Authorization header: cookies count
  bool has_cookies_ = false;    // any of the three cookies came
  bool secure_ = false;         // Secure on the cookies set
  std::string refresh_cookie_;  // hd_refresh, when cookies count
};

}  // namespace helpdesk::gateway
