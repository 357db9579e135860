// The gateway's portal session (services/gateway/session_cookies.h): Cookie
// header parsing, the removal of the portal's cookies from what the backends
// get, the CSRF check, and the JSON bodies it rewrites.
//
// Invariants: the cookie metadata forwarded to backends holds none of
// hd_session/hd_refresh/hd_csrf, keeps every other cookie's value as the
// request had it, and is stable (running the removal again on its output
// changes nothing); a cookie-authenticated request gets "Bearer <hd_session>"
// and, unless GET/HEAD, only with X-CSRF-Token equal to hd_csrf; a rewritten
// request body is a JSON object carrying hd_refresh.
//
// Input: one byte choosing the RPC, one byte of flags, then request header
// lines ("name: value"), a blank line, and a JSON body (used both as the
// request body and as the identity service's answer).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/gateway/headers.h"
#include "services/gateway/route_table.h"
#include "services/gateway/session_cookies.h"
#include "tests/fuzz/fuzz_support.h"

namespace helpdesk::gateway {
namespace {

constexpr const char* kRpcs[] = {"Login", "Refresh", "ChangePassword", "Logout", "GetAccount"};
constexpr const char* kMethods[] = {"GET", "POST", "HEAD", "PATCH", "DELETE", "PUT"};

bool IsPortalCookie(std::string_view name) {
  return name == kSessionCookie || name == kRefreshCookie || name == kCsrfCookie;
}

// The cookie names of a Cookie value, by the simplest reading (the oracle):
// the text before the first '=' of each ';'-separated piece, blanks trimmed.
std::vector<std::string> CookieNames(std::string_view value) {
  std::vector<std::string> names;
  for (absl::string_view piece :
       absl::StrSplit(absl::string_view(value.data(), value.size()), ';')) {
    size_t eq = piece.find('=');
    if (eq == absl::string_view::npos) continue;
    names.emplace_back(absl::StripAsciiWhitespace(piece.substr(0, eq)));
  }
  return names;
}

std::vector<HttpHeader> CookieHeaders(const Metadata& metadata) {
  std::vector<HttpHeader> headers;
  for (const auto& [key, value] : metadata) {
    if (key == "cookie") headers.push_back({"cookie", value});
  }
  return headers;
}

size_t AuthorizationCount(const Metadata& metadata) {
  return std::count_if(metadata.begin(), metadata.end(),
                       [](const auto& kv) { return kv.first == "authorization"; });
}

}  // namespace
}  // namespace helpdesk::gateway

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  using namespace helpdesk::gateway;
  std::string_view input = fuzz::AsText(data, size);
  std::string rpc = kRpcs[fuzz::TakeByte(input) % std::size(kRpcs)];
  uint8_t flags = fuzz::TakeByte(input);

  HttpRequestHead head;
  head.method = kMethods[flags % std::size(kMethods)];
  head.peer_address = (flags & 0x08) ? "10.0.0.1" : "192.0.2.1";
  std::string_view body;
  while (!input.empty()) {
    auto [line, rest] = fuzz::SplitLine(input);
    input = rest;
    if (line.empty()) {
      body = input;
      break;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = absl::AsciiStrToLower(absl::string_view(line.data(), colon));
    std::string value(absl::StripAsciiWhitespace(
        absl::string_view(line.data() + colon + 1, line.size() - colon - 1)));
    head.headers.push_back({name, value});
  }
  if (flags & 0x10) head.headers.push_back({"x-helpdesk-client", "portal"});

  absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse("10.0.0.0/8");
  FUZZ_CHECK(proxies.ok());
  absl::StatusOr<Metadata> metadata = RequestMetadata(head.headers, "192.0.2.1", "request-1");
  if (!metadata.ok()) return 0;  // not printable: refused before any cookie is read

  absl::StatusOr<PathTemplate> path = PathTemplate::Parse("/v1/auth:call");
  FUZZ_CHECK(path.ok());
  Route route{.http_method = "POST",
              .path = *path,
              .body = "*",
              .grpc_method = absl::StrCat("/helpdesk.identity.v1.IdentityService/", rpc)};

  const Metadata before = *metadata;
  absl::StatusOr<PortalSession> session = PortalSession::Begin(route, head, *proxies, *metadata);

  // The forwarded cookies: no portal cookie, every other one as it came.
  std::vector<HttpHeader> forwarded = CookieHeaders(*metadata);
  for (const HttpHeader& h : forwarded) FUZZ_CHECK(!h.value.empty());
  for (const HttpHeader& h : CookieHeaders(before)) {
    for (const std::string& name : CookieNames(h.value)) {
      std::optional<std::string> had = FindCookie(head.headers, name);
      std::optional<std::string> now = FindCookie(forwarded, name);
      if (IsPortalCookie(name)) {
        FUZZ_CHECK(!now.has_value());
      } else if (had.has_value()) {
        FUZZ_CHECK(now == had);
      }
    }
  }
  // Stable: the forwarded cookies, read and written again, are the same.
  Metadata again = *metadata;
  (void)PortalSession::Begin(route, head, *proxies, again);
  FUZZ_CHECK(CookieHeaders(again) == forwarded);

  const bool by_cookie = head.Find("authorization") == nullptr;
  std::optional<std::string> access = FindCookie(head.headers, kSessionCookie);
  std::optional<std::string> csrf = FindCookie(head.headers, kCsrfCookie);
  const bool safe_method = head.method == "GET" || head.method == "HEAD";
  if (!session.ok()) {
    FUZZ_CHECK(session.status().code() == absl::StatusCode::kPermissionDenied);
    FUZZ_CHECK(by_cookie && access.has_value() && !access->empty() && !safe_method);
    return 0;
  }
  if (by_cookie && access.has_value() && !access->empty()) {
    FUZZ_CHECK(!metadata->empty() && metadata->back().first == "authorization" &&
               metadata->back().second == "Bearer " + *access);
    if (!safe_method) {
      const std::string* token = head.Find("x-csrf-token");
      FUZZ_CHECK(token != nullptr && csrf.has_value() && *token == *csrf);
    }
  } else {
    FUZZ_CHECK(AuthorizationCount(*metadata) == AuthorizationCount(before));
  }

  // The request body: as it came, or a JSON object carrying hd_refresh.
  std::string request_body = session->RequestBody(body);
  if (request_body != body) {
    std::optional<std::string> refresh = FindCookie(head.headers, kRefreshCookie);
    FUZZ_CHECK(by_cookie && refresh.has_value() && !refresh->empty());
    google::protobuf::Struct object;
    FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(request_body, &object).ok());
    auto it = object.fields().find("refreshToken");
    FUZZ_CHECK(it != object.fields().end() && it->second.string_value() == *refresh);
  }

  // The identity service's answer: cookies set or cleared, tokens out of the body.
  HttpResponse response;
  response.body = std::string(body);
  session->FinishResponse(response);
  for (const HttpHeader& h : response.headers) {
    FUZZ_CHECK(h.name == "Set-Cookie");
  }
  if (response.body != body) {
    FUZZ_CHECK(!response.headers.empty());
    google::protobuf::Struct object;
    FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(response.body, &object).ok());
    for (const char* name : {"accessToken", "access_token", "refreshToken", "refresh_token"}) {
      FUZZ_CHECK(object.fields().count(name) == 0);
    }
  }
  return 0;
}
