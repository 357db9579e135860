#include "services/gateway/session_cookies.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <sodium.h>

#include <boost/beast/http/rfc7230.hpp>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/ids/ids.h"
#include "services/gateway/json_text.h"
#include "services/gateway/route_table.h"
#include "services/gateway/text.h"

namespace helpdesk::gateway {
namespace {

constexpr std::string_view kIdentity = "/helpdesk.identity.v1.IdentityService/";
constexpr std::string_view kRefreshPath = "/v1/auth";  // hd_refresh goes nowhere else
constexpr size_t kCsrfTokenBytes = 32;                 // 256 bits

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A cookie value without the pair of double quotes that may surround it.
std::string_view Unquoted(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// Calls `visit(name, value)` for each pair of one Cookie header value until
// it returns false; the value is trimmed but keeps its quotes (Unquoted), so
// that a pair forwarded to the backends is the one the browser sent. Nothing
// in Boost.Beast 1.74 parses Cookie (its param_list wants RFC 7230 tokens,
// and cookie values may hold "/" or "=").
template <typename Visit>
void ForEachCookie(std::string_view header, Visit visit) {
  size_t start = 0;
  while (start <= header.size()) {
    size_t semicolon = header.find(';', start);
    std::string_view pair =
        header.substr(start, semicolon == std::string_view::npos ? semicolon : semicolon - start);
    start = semicolon == std::string_view::npos ? header.size() + 1 : semicolon + 1;
    size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;  // not a pair: ignored, as browsers do
    std::string_view name = TrimBlanks(pair.substr(0, equals));
    std::string_view value = TrimBlanks(pair.substr(equals + 1));
    if (name.empty()) continue;
    if (!visit(name, value)) return;
  }
}

// The JSON object `body` ("" or blanks: {}), or nullopt if it is not one.
std::optional<google::protobuf::Struct> ParseObject(std::string_view body) {
  google::protobuf::Struct object;
  if (absl::StripAsciiWhitespace(Absl(body)).empty()) return object;
  if (!google::protobuf::util::JsonStringToMessage(std::string(body), &object).ok()) {
    return std::nullopt;
  }
  return object;
}

// The string field `name` (JSON or proto name) of `object`, "" if absent.
std::string StringField(const google::protobuf::Struct& object, const std::string& json_name,
                        const std::string& proto_name) {
  for (const std::string& name : {json_name, proto_name}) {
    auto it = object.fields().find(name);
    if (it != object.fields().end() && it->second.has_string_value()) {
      return it->second.string_value();
    }
  }
  return "";
}

// `object` as JSON text with its keys in order (a Struct's map has none).
std::optional<std::string> PrintObject(const google::protobuf::Struct& object) {
  std::map<std::string, const google::protobuf::Value*> sorted;
  for (const auto& [key, value] : object.fields()) sorted[key] = &value;
  std::string json = "{";
  for (const auto& [key, value] : sorted) {
    std::string text;
    if (!google::protobuf::util::MessageToJsonString(*value, &text).ok()) return std::nullopt;
    absl::StrAppend(&json, json.size() > 1 ? "," : "", JsonQuote(key), ":", text);
  }
  return json + "}";
}

}  // namespace

std::optional<std::string> FindCookie(const std::vector<HttpHeader>& headers,
                                      std::string_view name) {
  std::optional<std::string> found;
  for (const HttpHeader& header : headers) {
    if (header.name != "cookie") continue;
    ForEachCookie(header.value, [&](std::string_view n, std::string_view value) {
      if (n != name) return true;
      found = std::string(Unquoted(value));
      return false;
    });
    if (found.has_value()) break;
  }
  return found;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // token lengths are no secret
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool RequestIsSecure(const HttpRequestHead& head, const TrustedProxies& proxies) {
  if (!proxies.Contains(head.peer_address)) return false;
  const std::string* proto = head.Find("x-forwarded-proto");
  if (proto == nullptr) return false;
  boost::beast::http::token_list schemes(*proto);
  auto first = schemes.begin();
  if (first == schemes.end()) return false;
  return absl::EqualsIgnoreCase(absl::string_view(first->data(), first->size()), "https");
}

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieAttributes& attributes) {
  return absl::StrCat(Absl(name), "=", Absl(value), "; Path=", Absl(attributes.path),
                      attributes.http_only ? "; HttpOnly" : "", "; SameSite=Strict",
                      attributes.secure ? "; Secure" : "");
}

std::string ClearCookieValue(std::string_view name, const CookieAttributes& attributes) {
  return absl::StrCat(SetCookieValue(name, "", attributes), "; Max-Age=0");
}

absl::StatusOr<PortalSession> PortalSession::Begin(const Route& route, const HttpRequestHead& head,
                                                   const TrustedProxies& proxies,
                                                   Metadata& metadata) {
  PortalSession session;
  if (absl::StartsWith(route.grpc_method, Absl(kIdentity))) {
    std::string_view rpc = std::string_view(route.grpc_method).substr(kIdentity.size());
    if (rpc == "Login") session.kind_ = Kind::kLogin;
    if (rpc == "Refresh") session.kind_ = Kind::kRefresh;
    if (rpc == "ChangePassword") session.kind_ = Kind::kChangePassword;
    if (rpc == "Logout") session.kind_ = Kind::kLogout;
  }
  const std::string* client = head.Find("x-helpdesk-client");
  session.portal_ =
      client != nullptr && absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(*client), "portal");
  session.secure_ = RequestIsSecure(head, proxies);

  std::optional<std::string> access = FindCookie(head.headers, kSessionCookie);
  std::optional<std::string> refresh = FindCookie(head.headers, kRefreshCookie);
  std::optional<std::string> csrf = FindCookie(head.headers, kCsrfCookie);
  session.has_cookies_ = access.has_value() || refresh.has_value() || csrf.has_value();
  session.uses_cookies_ = head.Find("authorization") == nullptr;

  // The backends never see the portal's cookies: other cookies pass on.
  for (auto it = metadata.begin(); it != metadata.end();) {
    if (it->first != "cookie") {
      ++it;
      continue;
    }
    std::string kept;
    ForEachCookie(it->second, [&](std::string_view name, std::string_view value) {
      if (name != kSessionCookie && name != kRefreshCookie && name != kCsrfCookie) {
        absl::StrAppend(&kept, kept.empty() ? "" : "; ", Absl(name), "=", Absl(value));
      }
      return true;
    });
    if (kept.empty()) {
      it = metadata.erase(it);
    } else {
      it->second = std::move(kept);
      ++it;
    }
  }

  if (!session.uses_cookies_) return session;  // a bearer token ignores cookies
  if (refresh.has_value()) session.refresh_cookie_ = *refresh;
  if (!access.has_value() || access->empty()) return session;
  if (head.method != "GET" && head.method != "HEAD") {
    // A cross-site page can make the browser send the cookies but cannot
    // read hd_csrf, so it cannot copy it into the header.
    const std::string* header = head.Find("x-csrf-token");
    if (header == nullptr || !csrf.has_value() || csrf->empty() ||
        !ConstantTimeEquals(*header, *csrf)) {
      return absl::PermissionDeniedError(std::string(kCsrfError));
    }
  }
  metadata.emplace_back("authorization", absl::StrCat("Bearer ", *access));
  return session;
}

std::string PortalSession::RequestBody(std::string_view body) const {
  bool wants_refresh_token = (kind_ == Kind::kRefresh && portal_) || kind_ == Kind::kLogout;
  if (!wants_refresh_token || refresh_cookie_.empty()) return std::string(body);
  std::optional<google::protobuf::Struct> object = ParseObject(body);
  if (!object.has_value()) return std::string(body);
  if (!StringField(*object, "refreshToken", "refresh_token").empty()) return std::string(body);
  object->mutable_fields()->erase("refresh_token");
  (*object->mutable_fields())["refreshToken"].set_string_value(refresh_cookie_);
  return PrintObject(*object).value_or(std::string(body));
}

void PortalSession::FinishResponse(HttpResponse& response) const {
  const CookieAttributes session{.path = "/", .http_only = true, .secure = secure_};
  const CookieAttributes refresh{.path = kRefreshPath, .http_only = true, .secure = secure_};
  const CookieAttributes csrf{.path = "/", .http_only = false, .secure = secure_};
  if (kind_ == Kind::kLogout) {
    if (!portal_ && !(uses_cookies_ && has_cookies_)) return;
    response.headers.push_back({"Set-Cookie", ClearCookieValue(kSessionCookie, session)});
    response.headers.push_back({"Set-Cookie", ClearCookieValue(kRefreshCookie, refresh)});
    response.headers.push_back({"Set-Cookie", ClearCookieValue(kCsrfCookie, csrf)});
    return;
  }
  if (kind_ == Kind::kOther || !portal_ || response.status != 200) return;
  std::optional<google::protobuf::Struct> tokens = ParseObject(response.body);
  if (!tokens.has_value()) return;
  std::string access = StringField(*tokens, "accessToken", "access_token");
  std::string refresh_token = StringField(*tokens, "refreshToken", "refresh_token");
  if (access.empty() || refresh_token.empty()) return;
  // Page scripts never see the tokens: only the HttpOnly cookies carry them.
  for (const char* name : {"accessToken", "access_token", "refreshToken", "refresh_token"}) {
    tokens->mutable_fields()->erase(name);
  }
  std::optional<std::string> body = PrintObject(*tokens);
  if (!body.has_value()) return;
  response.body = *std::move(body);
  response.headers.push_back({"Set-Cookie", SetCookieValue(kSessionCookie, access, session)});
  response.headers.push_back(
      {"Set-Cookie", SetCookieValue(kRefreshCookie, refresh_token, refresh)});
  response.headers.push_back(
      {"Set-Cookie", SetCookieValue(kCsrfCookie, ids::RandomToken(kCsrfTokenBytes), csrf)});
}

}  // namespace helpdesk::gateway
