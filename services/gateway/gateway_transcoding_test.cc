// Integration: real HTTP through an in-process gateway to an in-process
// EchoService, whose RPCs exist only in a test proto.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "helpdesk/testing/v1/echo.pb.h"
#include "libs/metrics/metrics.h"
#include "services/gateway/testing/gateway_fixture.h"

namespace helpdesk::gateway::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
namespace v1 = helpdesk::testing::v1;

template <typename Message>
Message FromJson(const std::string& json) {
  Message m;
  auto status = google::protobuf::util::JsonStringToMessage(json, &m);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in " << json;
  return m;
}

using TranscodingTest = GatewayFixture;

TEST_F(TranscodingTest, RpcAddedInATestProtoIsReachableWithoutGatewayCode) {
  HttpClient client(port());
  HttpResult r = client.Get(
      "/v1/echo/shelves/s-1/items/i-2?color=GREEN&urgent=true&count=7&tags=a&tags=b&filter.text=x"
      "&since=2024-05-06T07:08:09Z");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  v1::Item item = FromJson<v1::Item>(r.body);
  EXPECT_EQ(item.shelf(), "s-1");
  EXPECT_EQ(item.id(), "i-2");
  EXPECT_EQ(item.color(), v1::Item::GREEN);
  EXPECT_TRUE(item.urgent());
  EXPECT_EQ(item.count(), 7);
  EXPECT_THAT(item.tags(), ElementsAre("a", "b"));
  EXPECT_EQ(item.filter().text(), "x");
  EXPECT_EQ(item.since().seconds(), 1714979289);
}

TEST_F(TranscodingTest, ZeroValuesAndEmptyListsArePrinted) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/shelves/s/items/i");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const char* part :
       {R"("count":0)", R"("urgent":false)", R"("tags":[])", R"("children":[])",
        R"("totalCents":"0")", R"("color":"COLOR_UNSPECIFIED")", R"("note":"")"}) {
    EXPECT_THAT(r.body, HasSubstr(part));
  }
  HttpResult report = client.Get("/v1/echo/reports/2024-05");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.body, R"({"month":"2024-05","totalCents":"0","items":[]})");
}

TEST_F(TranscodingTest, ApiResponsesCarryRequestIdAndSafetyHeaders) {
  HttpClient client(port());
  HttpResult first = client.Get("/v1/echo/shelves/s/items/i");
  HttpResult second = client.Get("/v1/echo/shelves/s/items/i");
  EXPECT_EQ(first.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(first.Header("cache-control"), "no-store");
  EXPECT_EQ(first.Header("x-request-id").size(), 36u);
  EXPECT_NE(first.Header("x-request-id"), second.Header("x-request-id"));
  EXPECT_EQ(first.body, second.body);  // the id is not in the body
}

TEST_F(TranscodingTest, PostBodyStarAcceptsCamelCaseAndProtoNames) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/items",
                             R"({"id":"x","totalCents":"15","filter":{"text":"t"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(FromJson<v1::Item>(r.body).total_cents(), 15);
  HttpResult proto_names = client.Send("POST", "/v1/echo/items", R"({"total_cents":16})");
  ASSERT_EQ(proto_names.status, 200) << proto_names.body;
  EXPECT_EQ(FromJson<v1::Item>(proto_names.body).total_cents(), 16);
}

TEST_F(TranscodingTest, PostWithEmptyBodyIsEmptyObject) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/items", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr(R"("id":"")"));
}

TEST_F(TranscodingTest, AdditionalBindingIsRouted) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/shelves/s-9/items", R"({"id":"i"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(FromJson<v1::Item>(r.body).shelf(), "s-9");
}

TEST_F(TranscodingTest, PatchWithBodyFieldAndQueryForAnotherField) {
  HttpClient client(port());
  HttpResult r =
      client.Send("PATCH", "/v1/echo/items/i-7?reason=why", R"({"color":"RED","count":3})");
  ASSERT_EQ(r.status, 200) << r.body;
  v1::Item item = FromJson<v1::Item>(r.body);
  EXPECT_EQ(item.id(), "i-7");
  EXPECT_EQ(item.color(), v1::Item::RED);
  EXPECT_EQ(item.count(), 3);
  EXPECT_EQ(item.note(), "why");
}

TEST_F(TranscodingTest, CustomVerb) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/items/abc:shout", R"({"text":"hello"})");
  ASSERT_EQ(r.status, 200) << r.body;
  v1::Item item = FromJson<v1::Item>(r.body);
  EXPECT_EQ(item.id(), "abc");
  EXPECT_EQ(item.note(), "HELLO");
}

TEST_F(TranscodingTest, BadInputIs400NamingTheField) {
  HttpClient client(port());
  struct Case {
    std::string method, target, body, named;
  };
  for (const Case& c : std::vector<Case>{
           {"POST", "/v1/echo/items", R"({"nope":1})", R"(unknown field \"nope\")"},
           {"POST", "/v1/echo/items", R"({"count":"many"})", R"(field \"count\")"},
           {"POST", "/v1/echo/items", R"({"filter":{"txt":"x"}})",
            R"(unknown field \"filter.txt\")"},
           {"POST", "/v1/echo/items", R"({"id":)", "invalid JSON body"},
           {"GET", "/v1/echo/shelves/s/items/i?bogus=1", "",
            R"(unknown query parameter \"bogus\")"},
           {"GET", "/v1/echo/shelves/s/items/i?count=x", "", R"(field \"count\")"},
           {"GET", "/v1/echo/shelves/s/items/i?color=BLUE", "", R"(field \"color\")"},
       }) {
    HttpResult r =
        c.method == "GET" ? client.Get(c.target) : client.Send(c.method, c.target, c.body);
    EXPECT_EQ(r.status, 400) << c.target << " " << c.body;
    EXPECT_THAT(r.body, HasSubstr(R"({"code":3,"message":")"));
    EXPECT_THAT(r.body, HasSubstr(c.named));
    EXPECT_THAT(r.body, HasSubstr(R"("details":[])"));
  }
}

TEST_F(TranscodingTest, EveryGrpcCodeMapsToItsHttpStatusWithTheErrorBody) {
  HttpClient client(port());
  const std::pair<int, int> kTable[] = {
      {1, 499}, {2, 500},  {3, 400},  {4, 504},  {5, 404},  {6, 409},  {7, 403},  {8, 429},
      {9, 400}, {10, 409}, {11, 400}, {12, 501}, {13, 500}, {14, 503}, {15, 500}, {16, 401}};
  for (auto [code, http] : kTable) {
    HttpResult r = client.Send("POST", "/v1/echo/fail",
                               R"({"code":)" + std::to_string(code) + R"(,"message":"it failed"})");
    EXPECT_EQ(r.status, http) << "gRPC code " << code;
    EXPECT_EQ(r.body,
              R"({"code":)" + std::to_string(code) + R"(,"message":"it failed","details":[]})");
    EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(r.Header("x-internal-detail"), "");  // not on the allow-list
  }
}

TEST_F(TranscodingTest, RateLimitCarriesRetryAfterFromTrailers) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/fail", R"({"code":8,"message":"slow down"})");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Header("retry-after"), "7");
}

TEST_F(TranscodingTest, StatusDetailsArePrinted) {
  HttpClient client(port());
  HttpResult r =
      client.Send("POST", "/v1/echo/fail", R"({"code":9,"message":"no","withDetails":true})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body,
              HasSubstr(R"("details":[{"@type":"type.googleapis.com/helpdesk.testing.v1.Item")"));
  EXPECT_THAT(r.body, HasSubstr(R"("id":"detail-1")"));
}

TEST_F(TranscodingTest, UnknownRouteIs404AndWrongMethodIs405WithAllow) {
  HttpClient client(port());
  HttpResult missing = client.Get("/v1/echo/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr(R"({"code":5,)"));
  HttpResult wrong = client.Send("DELETE", "/v1/echo/items/i-1", "");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("allow"), "PATCH");
  HttpResult verb = client.Get("/v1/echo/shelves/s/items/i:shout");
  EXPECT_EQ(verb.status, 200);  // {id} takes "i:shout": no verb route for GET
  HttpResult listing = client.Send("PUT", "/v1/echo/shelves/s/items", "{}");
  EXPECT_EQ(listing.status, 405);
  EXPECT_EQ(listing.Header("allow"), "GET, POST");
}

TEST_F(TranscodingTest, ServiceWithoutBackendIs503) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/unrouted");
  EXPECT_EQ(r.status, 503);
  EXPECT_THAT(r.body, HasSubstr("helpdesk.testing.v1.UnroutedService"));
}

TEST_F(TranscodingTest, ClientStreamingOfMessagesIs501) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/collect", "{}");
  EXPECT_EQ(r.status, 501);
  EXPECT_THAT(r.body, HasSubstr(R"({"code":12,)"));
}

TEST_F(TranscodingTest, ForwardsOnlyAllowListedHeadersAsMetadata) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/metadata", {{"Authorization", "Bearer tok"},
                                                  {"Idempotency-Key", "key-1"},
                                                  {"Accept-Language", "it"},
                                                  {"Cookie", "session=s1"},
                                                  {"X-Forwarded-For", "6.6.6.6"},
                                                  {"X-Request-Id", "forged"},
                                                  {"X-Other", "secret"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::multimap<std::string, std::string> seen;
  v1::MetadataResponse metadata = FromJson<v1::MetadataResponse>(r.body);
  for (const auto& e : metadata.entries()) seen.emplace(e.key(), e.value());
  auto value = [&](const std::string& key) {
    auto it = seen.find(key);
    return it == seen.end() ? std::string("<absent>") : it->second;
  };
  EXPECT_EQ(value("authorization"), "Bearer tok");
  EXPECT_EQ(value("idempotency-key"), "key-1");
  EXPECT_EQ(value("accept-language"), "it");
  EXPECT_EQ(value("cookie"), "session=s1");
  EXPECT_EQ(value("x-forwarded-for"), "127.0.0.1");  // the peer is not a trusted proxy
  EXPECT_EQ(value("x-request-id"), r.Header("x-request-id"));
  EXPECT_EQ(seen.count("x-request-id"), 1u);
  EXPECT_EQ(value("x-other"), "<absent>");
  EXPECT_EQ(seen.count("x-forwarded-for"), 1u);
}

class TrustedProxyTest : public GatewayFixture {
  void Configure(GatewayOptions& options) override {
    options.trusted_proxies = "127.0.0.0/8, 10.0.0.0/8";
  }
};

TEST_F(TrustedProxyTest, ClientAddressComesFromForwardedForBehindATrustedProxy) {
  HttpClient client(port());
  HttpResult r =
      client.Get("/v1/echo/metadata", {{"X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.1.1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr(R"({"key":"x-forwarded-for","value":"203.0.113.9"})"));
}

TEST_F(TranscodingTest, VariantIsChosenByAccept) {
  HttpClient client(port());
  HttpResult json = client.Get("/v1/echo/reports/2024-05");
  EXPECT_EQ(json.Header("content-type"), "application/json; charset=utf-8");
  HttpResult csv = client.Get("/v1/echo/reports/2024-05", {{"Accept", "text/csv"}});
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("content-disposition"), "attachment; filename=\"report.csv\"");
  EXPECT_EQ(csv.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(csv.body, "month,total_cents\n2024-05,0\n");
  HttpResult refused =
      client.Get("/v1/echo/reports/2024-05", {{"Accept", "text/csv;q=0, application/json"}});
  EXPECT_EQ(refused.Header("content-type"), "application/json; charset=utf-8");
}

TEST_F(TranscodingTest, KeepAliveReusesTheConnection) {
  HttpClient client(port());
  HttpResult first = client.Get("/v1/echo/shelves/s/items/1");
  HttpResult second = client.Send("POST", "/v1/echo/items", R"({"id":"2"})");
  HttpResult third = client.Get("/healthz");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(third.status, 200);
  EXPECT_EQ(first.new_connections, 1);
  EXPECT_EQ(second.new_connections, 0);
  EXPECT_EQ(third.new_connections, 0);
}

TEST_F(TranscodingTest, HealthzOnTheMainPort) {
  HttpClient client(port());
  HttpResult r = client.Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST_F(TranscodingTest, RequestsAreCountedByRouteTemplateAndStatus) {
  HttpClient client(port());
  ASSERT_EQ(client.Get("/v1/echo/shelves/metrics/items/x").status, 200);
  const std::string series =
      R"(helpdesk_http_requests_total{route="GET /v1/echo/shelves/{shelf}/items/{id}",code="200"})";
  // Counted when the answer is written, which may follow its receipt by a moment.
  EXPECT_TRUE(WaitFor([&] { return metrics::Default().Render().find(series) != std::string::npos; },
                      absl::Seconds(5)));
  EXPECT_THAT(
      metrics::Default().Render(),
      HasSubstr(
          R"(helpdesk_http_request_duration_seconds_count{route="GET /v1/echo/shelves/{shelf}/items/{id}"})"));
}

class DeadlineTest : public GatewayFixture {
  void Configure(GatewayOptions& options) override {
    options.upstream_timeout = absl::Milliseconds(200);
  }
};

TEST_F(DeadlineTest, SlowBackendIs504) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/wait/10000");
  EXPECT_EQ(r.status, 504);
  EXPECT_THAT(r.body, HasSubstr(R"({"code":4,)"));
}

}  // namespace
}  // namespace helpdesk::gateway::testing
