#include "libs/metrics/metrics.h"

#include <gtest/gtest.h>

namespace helpdesk::metrics {
namespace {

TEST(Metrics, RendersCountersWithEscapedLabels) {
  Registry registry;
  registry.GetCounter("req_total", "Requests.", {{"method", "a\"b"}}).Increment(3);
  registry.GetCounter("req_total", "Requests.", {{"method", "a\"b"}}).Increment();
  std::string page = registry.Render();
  EXPECT_NE(page.find("# TYPE req_total counter\n"), std::string::npos) << page;
  EXPECT_NE(page.find("req_total{method=\"a\\\"b\"} 4\n"), std::string::npos) << page;
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Registry registry;
  Histogram& h = registry.GetHistogram("lat_seconds", "Latency.", {}, {0.1, 1});
  h.Observe(0.05);
  h.Observe(0.5);
  h.Observe(5);
  std::string page = registry.Render();
  EXPECT_NE(page.find("lat_seconds_bucket{le=\"0.1\"} 1\n"), std::string::npos) << page;
  EXPECT_NE(page.find("lat_seconds_bucket{le=\"1\"} 2\n"), std::string::npos) << page;
  EXPECT_NE(page.find("lat_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos) << page;
  EXPECT_NE(page.find("lat_seconds_count 3\n"), std::string::npos) << page;
}

TEST(Metrics, CallbackGaugeIsReadAtRender) {
  Registry registry;
  double backlog = 7;
  registry.AddCallbackGauge("backlog", "Rows waiting.", [&] { return backlog; });
  EXPECT_NE(registry.Render().find("backlog 7\n"), std::string::npos);
  backlog = 2;
  EXPECT_NE(registry.Render().find("backlog 2\n"), std::string::npos);
}

}  // namespace
}  // namespace helpdesk::metrics
