// Integration: the portal's session cookie over real HTTP, through an
// in-process gateway to the EchoService (the sign-in cookies themselves need
// the identity service: tests/e2e/portal_session_test.cc).
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "helpdesk/testing/v1/echo.pb.h"
#include "services/gateway/testing/gateway_fixture.h"

namespace helpdesk::gateway::testing {
namespace {

namespace v1 = helpdesk::testing::v1;

using SessionCookieTest = GatewayFixture;

std::multimap<std::string, std::string> SeenMetadata(const HttpResult& r) {
  v1::MetadataResponse metadata;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.body, &metadata).ok()) << r.body;
  std::multimap<std::string, std::string> seen;
  for (const auto& e : metadata.entries()) seen.emplace(e.key(), e.value());
  return seen;
}

TEST_F(SessionCookieTest, SessionCookieIsForwardedAsTheBearerTokenAndNotAsACookie) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/metadata",
                            {{"Cookie", "hd_session=v1.claims.sig; theme=dark; hd_csrf=c1"},
                             {"Cookie", "hd_refresh=r1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::multimap<std::string, std::string> seen = SeenMetadata(r);
  EXPECT_EQ(seen.count("authorization"), 1u);
  EXPECT_EQ(seen.find("authorization")->second, "Bearer v1.claims.sig");
  EXPECT_EQ(seen.count("cookie"), 1u);
  EXPECT_EQ(seen.find("cookie")->second, "theme=dark");
}

TEST_F(SessionCookieTest, BearerTokenWinsOverTheCookie) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/metadata", {{"Authorization", "Bearer api-token"},
                                                  {"Cookie", "hd_session=v1.claims.sig"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::multimap<std::string, std::string> seen = SeenMetadata(r);
  EXPECT_EQ(seen.count("authorization"), 1u);
  EXPECT_EQ(seen.find("authorization")->second, "Bearer api-token");
  EXPECT_EQ(seen.count("cookie"), 0u) << "the portal's cookies never reach a backend";

  HttpResult post = client.Send(
      "POST", "/v1/echo/items", R"({"id":"i-1"})",
      {{"Authorization", "Bearer api-token"}, {"Cookie", "hd_session=v1.claims.sig; hd_csrf=c1"}});
  EXPECT_EQ(post.status, 200) << "no CSRF check for a bearer token: " << post.body;
}

TEST_F(SessionCookieTest, StateChangingRequestWithoutTheCsrfHeaderIs403) {
  HttpClient client(port());
  const std::pair<std::string, std::string> cookies = {"Cookie",
                                                       "hd_session=v1.claims.sig; hd_csrf=c-123"};
  for (const char* csrf : {"", "c-124", "c-12"}) {
    Headers headers = {cookies};
    if (*csrf != '\0') headers.push_back({"X-CSRF-Token", csrf});
    HttpResult refused = client.Send("POST", "/v1/echo/items", R"({"id":"i-1"})", headers);
    EXPECT_EQ(refused.status, 403) << csrf;
    EXPECT_EQ(refused.body,
              R"({"code":7,"message":"csrf: missing or wrong X-CSRF-Token header","details":[]})");
    EXPECT_FALSE(refused.Header("x-request-id").empty());
  }
  HttpResult patch = client.Send("PATCH", "/v1/echo/items/i-1", R"({"id":"i-1"})", {cookies});
  EXPECT_EQ(patch.status, 403);

  HttpResult ok = client.Send("POST", "/v1/echo/items", R"({"id":"i-1"})",
                              {cookies, {"X-CSRF-Token", "c-123"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(client.Get("/v1/echo/shelves/s/items/i", {cookies}).status, 200) << "GET needs none";
}

}  // namespace
}  // namespace helpdesk::gateway::testing
