// Integration: the gateway's limits, timeouts, static files, settings and
// graceful shutdown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "absl/time/clock.h"
#include "services/gateway/testing/gateway_fixture.h"

namespace helpdesk::gateway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class LimitsTest : public GatewayFixture {
  void Configure(GatewayOptions& options) override {
    options.max_body_bytes = 1024;
    options.read_timeout = absl::Milliseconds(300);
    options.idle_timeout = absl::Milliseconds(300);
  }
};

TEST_F(LimitsTest, OversizedJsonBodyIs413) {
  HttpClient client(port());
  std::string body = R"({"note":")" + std::string(2000, 'n') + R"("})";
  HttpResult r = client.Send("POST", "/v1/echo/items", body);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body, R"({"code":8,"message":"the request body exceeds 1024 bytes","details":[]})");
  EXPECT_EQ(r.Header("connection"), "close");
  HttpResult small = client.Send("POST", "/v1/echo/items", R"({"note":"fits"})");
  EXPECT_EQ(small.status, 200);
}

TEST_F(LimitsTest, HugeHeaderBlockIs431) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/shelves/s/items/i", {{"X-Big", std::string(20000, 'h')}});
  EXPECT_EQ(r.status, 431);
  EXPECT_THAT(r.body, HasSubstr("header block exceeds 16384 bytes"));
  HttpResult fits = client.Get("/v1/echo/shelves/s/items/i", {{"X-Big", std::string(8000, 'h')}});
  EXPECT_EQ(fits.status, 200);
}

TEST_F(LimitsTest, ClientStallingMidHeaderGets408AndIsClosed) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send("GET /v1/echo/shelves/s/items/i HTTP/1.1\r\nHost: gate"));
  bool closed = false;
  std::string answer = connection.ReadUntilClosed(absl::Now() + absl::Seconds(10), &closed);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 408"));
  EXPECT_THAT(
      answer,
      HasSubstr(R"({"code":4,"message":"the request was not received in time","details":[]})"));
  EXPECT_TRUE(closed);
}

TEST_F(LimitsTest, ClientStallingMidBodyGets408AndIsClosed) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(
      connection.Send("POST /v1/echo/items HTTP/1.1\r\nHost: gateway\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":"));
  bool closed = false;
  std::string answer = connection.ReadUntilClosed(absl::Now() + absl::Seconds(10), &closed);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 408"));
  EXPECT_TRUE(closed);
}

TEST_F(LimitsTest, IdleKeepAliveConnectionIsClosedQuietly) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n"));
  std::string first = connection.ReadUntil("ok\n", absl::Now() + absl::Seconds(10));
  EXPECT_THAT(first, StartsWith("HTTP/1.1 200"));
  bool closed = false;
  std::string rest = connection.ReadUntilClosed(absl::Now() + absl::Seconds(10), &closed);
  EXPECT_TRUE(closed);
  EXPECT_EQ(rest, "");
}

TEST_F(LimitsTest, GarbageIs400) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send("NOT HTTP AT ALL\r\n\r\n"));
  bool closed = false;
  std::string answer = connection.ReadUntilClosed(absl::Now() + absl::Seconds(10), &closed);
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 400"));
  EXPECT_TRUE(closed);
}

TEST_F(LimitsTest, ExpectContinueIsHonoured) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(
      connection.Send("POST /v1/echo/items HTTP/1.1\r\nHost: gateway\r\nContent-Length: 11\r\n"
                      "Expect: 100-continue\r\n\r\n"));
  EXPECT_THAT(connection.ReadUntil("\r\n\r\n", absl::Now() + absl::Seconds(10)),
              StartsWith("HTTP/1.1 100 Continue"));
  ASSERT_TRUE(connection.Send(R"({"id":"e"})"
                              " "));
  EXPECT_THAT(connection.ReadUntil(R"("id":"e")", absl::Now() + absl::Seconds(10)),
              HasSubstr("HTTP/1.1 200"));
}

class StaticFilesTest : public GatewayFixture {
 protected:
  void Configure(GatewayOptions& options) override {
    root_ = std::filesystem::temp_directory_path() /
            ("gateway-web-" + std::to_string(::getpid()) + "-" +
             std::to_string(absl::ToUnixNanos(absl::Now())));
    std::filesystem::create_directories(root_ / "app");
    std::ofstream(root_ / "index.html") << "<h1>portal</h1>";
    std::ofstream(root_ / "app" / "main.js") << "console.log(1)";
    std::ofstream(root_.parent_path() / (root_.filename().string() + "-secret.txt")) << "secret";
    std::filesystem::create_symlink(
        root_.parent_path() / (root_.filename().string() + "-secret.txt"), root_ / "leak.txt");
    options.web_root = root_.string();
  }
  void TearDown() override {
    GatewayFixture::TearDown();
    std::filesystem::remove(root_.parent_path() / (root_.filename().string() + "-secret.txt"));
    std::filesystem::remove_all(root_);
  }
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesFilesInsideTheRootOnly) {
  HttpClient client(port());
  HttpResult index = client.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<h1>portal</h1>");
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  HttpResult script = client.Get("/app/main.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("content-type"), "text/javascript; charset=utf-8");
  HttpResult head = client.Send("HEAD", "/app/main.js", "");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), "14");
  EXPECT_EQ(client.Get("/app/").status, 404);  // no index.html there
  EXPECT_EQ(client.Get("/leak.txt").status, 404);
  EXPECT_EQ(client.Get("/../" + root_.filename().string() + "-secret.txt").status, 404);
  EXPECT_EQ(client.Get("/app/%2e%2e/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(client.Get("/missing.css").status, 404);
  EXPECT_EQ(client.Send("POST", "/index.html", "x").status, 405);
  EXPECT_EQ(client.Get("/v1/echo/nowhere").status, 404);  // the API is not a file
}

TEST(SettingsTest, BadSettingsNameTheSetting) {
  struct Case {
    std::string name, value;
  };
  for (const Case& c : std::vector<Case>{{"HTTP_LISTEN", "nonsense"},
                                         {"METRICS_LISTEN", "host:99999"},
                                         {"BACKENDS", "helpdesk.ticket.v1.TicketService"},
                                         {"MAX_BODY_BYTES", "lots"},
                                         {"UPSTREAM_TIMEOUT", "soon"},
                                         {"HTTP_THREADS", "0"},
                                         {"LOG_LEVEL", "loud"}}) {
    absl::StatusOr<GatewayOptions> options =
        OptionsFromConfig(config::Config::FromMap({{c.name, c.value}}));
    ASSERT_FALSE(options.ok()) << c.name;
    EXPECT_THAT(std::string(options.status().message()), HasSubstr("HELPDESK_" + c.name));
  }
  absl::StatusOr<GatewayOptions> defaults = OptionsFromConfig(config::Config::FromMap({}));
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(defaults->http_port, 8080);
  EXPECT_EQ(defaults->metrics_port, 9190);
  EXPECT_EQ(defaults->max_upload_bytes, 30u << 20);
  EXPECT_EQ(defaults->descriptor_sets, std::vector<std::string>{HELPDESK_TEST_DESCRIPTOR_SET});
  absl::StatusOr<GatewayOptions> backends = OptionsFromConfig(config::Config::FromMap(
      {{"BACKENDS", "a.B=127.0.0.1:1, c.D=[::1]:2"}, {"DESCRIPTOR_SETS", "x.pb, y.pb"}}));
  ASSERT_TRUE(backends.ok()) << backends.status();
  EXPECT_EQ(backends->backends.at("c.D"), "[::1]:2");
  EXPECT_EQ(backends->descriptor_sets, (std::vector<std::string>{"x.pb", "y.pb"}));
}

TEST(SettingsTest, StartFailuresNameTheSetting) {
  GatewayOptions options;
  options.http_port = 0;
  options.metrics_port = -1;
  options.descriptor_sets = {"/nonexistent/helpdesk.pb"};
  absl::StatusOr<std::unique_ptr<Gateway>> gateway = Gateway::Start(options);
  ASSERT_FALSE(gateway.ok());
  EXPECT_THAT(std::string(gateway.status().message()), HasSubstr("HELPDESK_DESCRIPTOR_SETS"));
  options.descriptor_sets = {HELPDESK_ECHO_DESCRIPTOR_SET};
  options.web_root = "/nonexistent/web";
  gateway = Gateway::Start(options);
  ASSERT_FALSE(gateway.ok());
  EXPECT_THAT(std::string(gateway.status().message()), HasSubstr("HELPDESK_WEB_ROOT"));
  options.web_root = "";
  options.trusted_proxies = "10.0.0.0/99";
  gateway = Gateway::Start(options);
  ASSERT_FALSE(gateway.ok());
  EXPECT_THAT(std::string(gateway.status().message()), HasSubstr("HELPDESK_TRUSTED_PROXIES"));
}

using ShutdownTest = GatewayFixture;

TEST_F(ShutdownTest, StopFinishesTheRequestInFlightAndRefusesNewOnes) {
  int gateway_port = port();
  auto in_flight = std::async(std::launch::async, [gateway_port] {
    HttpClient client(gateway_port);
    return client.Get("/v1/echo/wait/500");
  });
  ASSERT_TRUE(echo_->WaitForWaitCall(absl::Now() + absl::Seconds(10)));
  gateway_->Stop();
  HttpResult r = in_flight.get();
  EXPECT_EQ(r.curl_code, 0);
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr(R"("note":"waited")"));
  HttpClient late(gateway_port);
  EXPECT_NE(late.Get("/healthz").curl_code, 0);  // nobody listens any more
}

class ShortDrainTest : public GatewayFixture {
  void Configure(GatewayOptions& options) override {
    options.drain_timeout = absl::Milliseconds(200);
  }
};

TEST_F(ShortDrainTest, StopCancelsWhatOutlivesTheDrainTimeout) {
  int gateway_port = port();
  auto in_flight = std::async(std::launch::async, [gateway_port] {
    HttpClient client(gateway_port);
    return client.Get("/v1/echo/wait/30000");
  });
  ASSERT_TRUE(echo_->WaitForWaitCall(absl::Now() + absl::Seconds(10)));
  absl::Time start = absl::Now();
  gateway_->Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  HttpResult r = in_flight.get();
  EXPECT_EQ(r.status, 499);  // the call was cancelled by the gateway
}

}  // namespace
}  // namespace helpdesk::gateway::testing
