#include "services/gateway/session_cookies.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/gateway/route_table.h"

namespace helpdesk::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using Pair = std::pair<std::string, std::string>;

Route IdentityRoute(const std::string& rpc) {
  return Route{.http_method = "POST",
               .path = *PathTemplate::Parse("/v1/auth/x"),
               .service = "helpdesk.identity.v1.IdentityService",
               .grpc_method = "/helpdesk.identity.v1.IdentityService/" + rpc};
}

Route TicketRoute() {
  return Route{.http_method = "POST",
               .path = *PathTemplate::Parse("/v1/tickets"),
               .service = "helpdesk.ticket.v1.TicketService",
               .grpc_method = "/helpdesk.ticket.v1.TicketService/CreateTicket"};
}

HttpRequestHead Head(std::string method, std::vector<HttpHeader> headers,
                     std::string peer = "198.51.100.7") {
  HttpRequestHead head;
  head.method = std::move(method);
  head.headers = std::move(headers);
  head.peer_address = std::move(peer);
  return head;
}

TrustedProxies NoProxies() { return *TrustedProxies::Parse(""); }

std::vector<std::string> SetCookies(const HttpResponse& response) {
  std::vector<std::string> values;
  for (const HttpHeader& h : response.headers) {
    if (h.name == "Set-Cookie") values.push_back(h.value);
  }
  return values;
}

// The value of cookie `name` among Set-Cookie values, "" if none.
std::string CookieSet(const std::vector<std::string>& set_cookies, const std::string& name) {
  for (const std::string& value : set_cookies) {
    if (value.rfind(name + "=", 0) == 0) {
      return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
    }
  }
  return "";
}

TEST(FindCookieTest, ParsesPairsAcrossHeadersFirstOneWins) {
  std::vector<HttpHeader> headers = {
      {"cookie", "theme=dark;hd_session=v1.abc.def ; hd_csrf=\"q-_9\""},
      {"cookie", "hd_session=later; path=/x=y"}};
  EXPECT_EQ(FindCookie(headers, "hd_session"), "v1.abc.def");
  EXPECT_EQ(FindCookie(headers, "hd_csrf"), "q-_9");
  EXPECT_EQ(FindCookie(headers, "theme"), "dark");
  EXPECT_EQ(FindCookie(headers, "path"), "/x=y") << "a value keeps '/' and '='";
  EXPECT_EQ(FindCookie(headers, "hd_refresh"), std::nullopt);
}

TEST(FindCookieTest, ToleratesMalformedPairs) {
  std::vector<HttpHeader> headers = {{"cookie", ";; junk ; =nameless; a=; b = 2;"},
                                     {"x-cookie", "hd_session=not-a-cookie-header"}};
  EXPECT_EQ(FindCookie(headers, "a"), "");
  EXPECT_EQ(FindCookie(headers, "b"), "2");
  EXPECT_EQ(FindCookie(headers, "junk"), std::nullopt);
  EXPECT_EQ(FindCookie(headers, ""), std::nullopt);
  EXPECT_EQ(FindCookie(headers, "hd_session"), std::nullopt);
  EXPECT_EQ(FindCookie({{"cookie", ""}}, "a"), std::nullopt);
  EXPECT_EQ(FindCookie({{"cookie", "a=\""}}, "a"), "\"") << "a lone quote is kept";
}

TEST(ConstantTimeEqualsTest, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abcdef", "abcdef"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcdeg"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcde"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

TEST(SetCookieValueTest, HasTheContractsAttributes) {
  EXPECT_EQ(SetCookieValue("hd_session", "tok", {.path = "/", .http_only = true}),
            "hd_session=tok; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SetCookieValue("hd_csrf", "c", {.path = "/", .http_only = false, .secure = true}),
            "hd_csrf=c; Path=/; SameSite=Strict; Secure");
  EXPECT_EQ(ClearCookieValue("hd_refresh", {.path = "/v1/auth"}),
            "hd_refresh=; Path=/v1/auth; HttpOnly; SameSite=Strict; Max-Age=0");
}

TEST(RequestIsSecureTest, OnlyATrustedProxySayingHttps) {
  TrustedProxies proxies = *TrustedProxies::Parse("10.0.0.0/8");
  EXPECT_TRUE(RequestIsSecure(Head("GET", {{"x-forwarded-proto", "https"}}, "10.1.1.1"), proxies));
  EXPECT_TRUE(
      RequestIsSecure(Head("GET", {{"x-forwarded-proto", "HTTPS, http"}}, "10.1.1.1"), proxies));
  EXPECT_FALSE(
      RequestIsSecure(Head("GET", {{"x-forwarded-proto", "http, https"}}, "10.1.1.1"), proxies));
  EXPECT_FALSE(RequestIsSecure(Head("GET", {}, "10.1.1.1"), proxies));
  EXPECT_FALSE(
      RequestIsSecure(Head("GET", {{"x-forwarded-proto", "https"}}, "203.0.113.5"), proxies))
      << "an untrusted peer's X-Forwarded-Proto is not believed";
}

TEST(PortalSessionTest, SessionCookieBecomesTheBearerTokenAndPortalCookiesAreNotForwarded) {
  HttpRequestHead head =
      Head("GET", {{"cookie", "hd_session=v1.tok.sig; theme=dark; hd_csrf=c1; hd_refresh=r1"}});
  Metadata metadata = {{"cookie", "hd_session=v1.tok.sig; theme=dark; hd_csrf=c1; hd_refresh=r1"},
                       {"x-request-id", "id"}};
  absl::StatusOr<PortalSession> session =
      PortalSession::Begin(TicketRoute(), head, NoProxies(), metadata);
  ASSERT_TRUE(session.ok()) << session.status();
  EXPECT_THAT(metadata, ElementsAre(Pair("cookie", "theme=dark"), Pair("x-request-id", "id"),
                                    Pair("authorization", "Bearer v1.tok.sig")));

  Metadata only_ours = {{"cookie", "hd_session=v1.tok.sig"}};
  ASSERT_TRUE(PortalSession::Begin(TicketRoute(), head, NoProxies(), only_ours).ok());
  EXPECT_THAT(only_ours, ElementsAre(Pair("authorization", "Bearer v1.tok.sig")));
}

// Found by tests/fuzz (session_cookies): forwarded cookies lost their
// quotes, so a backend read `a="xy "` as "xy" instead of "xy ".
TEST(PortalSessionTest, ForwardedCookiesKeepTheirQuotes) {
  HttpRequestHead head = Head("GET", {{"cookie", "a=\"xy \"; hd_refresh=\"r\"; b=\"\""}});
  Metadata metadata = {{"cookie", "a=\"xy \"; hd_refresh=\"r\"; b=\"\""}};
  ASSERT_TRUE(PortalSession::Begin(TicketRoute(), head, NoProxies(), metadata).ok());
  EXPECT_THAT(metadata, ElementsAre(Pair("cookie", "a=\"xy \"; b=\"\"")));
  EXPECT_EQ(FindCookie({{"cookie", metadata[0].second}}, "a"), "xy ");
}

TEST(PortalSessionTest, StateChangingRequestNeedsTheCsrfHeader) {
  auto begin = [](std::vector<HttpHeader> headers, std::string method = "POST") {
    Metadata metadata;
    return PortalSession::Begin(TicketRoute(), Head(method, std::move(headers)), NoProxies(),
                                metadata);
  };
  const HttpHeader cookies = {"cookie", "hd_session=v1.tok.sig; hd_csrf=c-123"};
  absl::StatusOr<PortalSession> missing = begin({cookies});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(missing.status().message(), "csrf: missing or wrong X-CSRF-Token header");
  EXPECT_EQ(begin({cookies, {"x-csrf-token", "c-124"}}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(begin({{"cookie", "hd_session=v1.tok.sig"}, {"x-csrf-token", ""}}).status().code(),
            absl::StatusCode::kPermissionDenied)
      << "no hd_csrf cookie: nothing can match";
  EXPECT_TRUE(begin({cookies, {"x-csrf-token", "c-123"}}).ok());
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    EXPECT_FALSE(begin({cookies}, method).ok()) << method;
  }
  EXPECT_TRUE(begin({cookies}, "GET").ok());
  EXPECT_TRUE(begin({cookies}, "HEAD").ok());
  EXPECT_TRUE(begin({{"cookie", "hd_csrf=c-123"}}).ok()) << "no session cookie: no session";
}

TEST(PortalSessionTest, BearerTokenIgnoresCookies) {
  Metadata metadata = {{"authorization", "Bearer api"}, {"cookie", "hd_session=v1.tok.sig"}};
  absl::StatusOr<PortalSession> session = PortalSession::Begin(
      TicketRoute(),
      Head("POST", {{"authorization", "Bearer api"}, {"cookie", "hd_session=v1.tok.sig"}}),
      NoProxies(), metadata);
  ASSERT_TRUE(session.ok()) << "no CSRF check for a bearer token";
  EXPECT_THAT(metadata, ElementsAre(Pair("authorization", "Bearer api")));
}

TEST(PortalSessionTest, PortalLoginSetsCookiesAndTakesTokensOutOfTheBody) {
  Metadata metadata;
  absl::StatusOr<PortalSession> session =
      PortalSession::Begin(IdentityRoute("Login"), Head("POST", {{"x-helpdesk-client", "portal"}}),
                           NoProxies(), metadata);
  ASSERT_TRUE(session.ok());
  HttpResponse response;
  response.body =
      R"({"accessToken":"v1.a.b","refreshToken":"r-1","expiresIn":900,"mustChangePassword":true})";
  session->FinishResponse(response);
  EXPECT_EQ(response.body, R"({"expiresIn":900,"mustChangePassword":true})");
  std::vector<std::string> cookies = SetCookies(response);
  ASSERT_EQ(cookies.size(), 3u);
  EXPECT_EQ(cookies[0], "hd_session=v1.a.b; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(cookies[1], "hd_refresh=r-1; Path=/v1/auth; HttpOnly; SameSite=Strict");
  EXPECT_THAT(cookies[2], MatchesRegex("hd_csrf=[A-Za-z0-9_-]{43}; Path=/; SameSite=Strict"));

  HttpResponse again;
  again.body = R"({"accessToken":"v1.a.b","refreshToken":"r-1","expiresIn":900})";
  session->FinishResponse(again);
  EXPECT_NE(CookieSet(SetCookies(again), "hd_csrf"), CookieSet(cookies, "hd_csrf"))
      << "a fresh CSRF token per sign-in";
}

TEST(PortalSessionTest, CookiesAreSecureBehindATlsProxy) {
  Metadata metadata;
  absl::StatusOr<PortalSession> session = PortalSession::Begin(
      IdentityRoute("Refresh"),
      Head("POST", {{"x-helpdesk-client", "portal"}, {"x-forwarded-proto", "https"}}, "10.0.0.2"),
      *TrustedProxies::Parse("10.0.0.0/8"), metadata);
  ASSERT_TRUE(session.ok());
  HttpResponse response;
  response.body = R"({"accessToken":"v1.a.b","refreshToken":"r-1","expiresIn":900})";
  session->FinishResponse(response);
  std::vector<std::string> cookies = SetCookies(response);
  ASSERT_EQ(cookies.size(), 3u);
  for (const std::string& cookie : cookies) EXPECT_THAT(cookie, HasSubstr("; Secure"));
}

TEST(PortalSessionTest, ApiClientsAndFailuresKeepTheirBody) {
  const std::string tokens = R"({"accessToken":"v1.a.b","refreshToken":"r-1","expiresIn":900})";
  Metadata metadata;
  PortalSession api =
      *PortalSession::Begin(IdentityRoute("Login"), Head("POST", {}), NoProxies(), metadata);
  HttpResponse response;
  response.body = tokens;
  api.FinishResponse(response);
  EXPECT_EQ(response.body, tokens);
  EXPECT_THAT(SetCookies(response), IsEmpty());

  PortalSession portal =
      *PortalSession::Begin(IdentityRoute("ChangePassword"),
                            Head("POST", {{"x-helpdesk-client", "Portal"}}), NoProxies(), metadata);
  HttpResponse refused;
  refused.status = 400;
  refused.body = R"({"code":3,"message":"newPassword: at least 10 characters","details":[]})";
  portal.FinishResponse(refused);
  EXPECT_THAT(SetCookies(refused), IsEmpty());

  PortalSession other = *PortalSession::Begin(
      TicketRoute(), Head("POST", {{"x-helpdesk-client", "portal"}}), NoProxies(), metadata);
  HttpResponse ticket;
  ticket.body = tokens;
  other.FinishResponse(ticket);
  EXPECT_EQ(ticket.body, tokens) << "only the sign-in RPCs are rewritten";
}

TEST(PortalSessionTest, PortalRefreshTakesTheRefreshCookieWhenTheBodyHasNone) {
  Metadata metadata;
  PortalSession session = *PortalSession::Begin(
      IdentityRoute("Refresh"),
      Head("POST", {{"x-helpdesk-client", "portal"}, {"cookie", "hd_refresh=r-cookie"}}),
      NoProxies(), metadata);
  EXPECT_EQ(session.RequestBody(""), R"({"refreshToken":"r-cookie"})");
  EXPECT_EQ(session.RequestBody(" {} "), R"({"refreshToken":"r-cookie"})");
  EXPECT_EQ(session.RequestBody(R"({"refreshToken":""})"), R"({"refreshToken":"r-cookie"})");
  EXPECT_EQ(session.RequestBody(R"({"refreshToken":"r-body"})"), R"({"refreshToken":"r-body"})");
  EXPECT_EQ(session.RequestBody("not json"), "not json") << "left for the transcoder to refuse";

  PortalSession api = *PortalSession::Begin(IdentityRoute("Refresh"),
                                            Head("POST", {{"cookie", "hd_refresh=r-cookie"}}),
                                            NoProxies(), metadata);
  EXPECT_EQ(api.RequestBody("{}"), "{}") << "not the portal: the body says it all";
}

TEST(PortalSessionTest, LogoutSendsTheRefreshCookieAndClearsTheCookiesWhateverTheOutcome) {
  Metadata metadata;
  PortalSession session = *PortalSession::Begin(
      IdentityRoute("Logout"),
      Head("POST",
           {{"cookie", "hd_session=v1.a.b; hd_refresh=r-1; hd_csrf=c"}, {"x-csrf-token", "c"}}),
      NoProxies(), metadata);
  EXPECT_EQ(session.RequestBody(""), R"({"refreshToken":"r-1"})");
  for (int status : {200, 401, 503}) {
    HttpResponse response;
    response.status = status;
    session.FinishResponse(response);
    EXPECT_THAT(SetCookies(response),
                ElementsAre("hd_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
                            "hd_refresh=; Path=/v1/auth; HttpOnly; SameSite=Strict; Max-Age=0",
                            "hd_csrf=; Path=/; SameSite=Strict; Max-Age=0"));
  }

  PortalSession api =
      *PortalSession::Begin(IdentityRoute("Logout"), Head("POST", {{"authorization", "Bearer x"}}),
                            NoProxies(), metadata);
  HttpResponse response;
  api.FinishResponse(response);
  EXPECT_THAT(SetCookies(response), IsEmpty()) << "an API client has no cookies to clear";
  EXPECT_EQ(api.RequestBody(""), "");
}

}  // namespace
}  // namespace helpdesk::gateway
