// Integration: raw bodies (HttpBody) streamed both ways, and server streams
// of JSON messages.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "helpdesk/testing/v1/echo.pb.h"
#include "services/gateway/testing/gateway_fixture.h"

namespace helpdesk::gateway::testing {
namespace {

using ::testing::HasSubstr;
namespace v1 = helpdesk::testing::v1;

v1::UploadSummary Summary(const std::string& json) {
  v1::UploadSummary summary;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &summary).ok()) << json;
  return summary;
}

using StreamingTest = GatewayFixture;

TEST_F(StreamingTest, DownloadStreamsEveryChunkWithHeadersFromInitialMetadata) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/files/report.txt?chunks=5&chunkSize=100000");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.curl_code, 0);
  EXPECT_EQ(r.Header("content-type"), "text/plain");
  EXPECT_EQ(r.Header("content-disposition"), "attachment; filename=\"report.txt\"");
  EXPECT_EQ(r.Header("transfer-encoding"), "chunked");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("x-internal-detail"), "");
  std::string expected;
  for (int i = 0; i < 5; ++i) expected += std::string(100000, static_cast<char>('a' + i));
  EXPECT_EQ(r.body.size(), expected.size());
  EXPECT_TRUE(r.body == expected);
}

TEST_F(StreamingTest, EmptyDownloadIsAnEmptyBody) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/files/empty?chunks=0");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
}

TEST_F(StreamingTest, DownloadFailingBeforeItStartsIsAJsonError) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/files/x?chunks=0&failCode=5");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"code":5,"message":"download failed","details":[]})");
}

TEST_F(StreamingTest, DownloadFailingMidwayIsCutShort) {
  HttpClient client(port());
  HttpResult r = client.Get("/v1/echo/files/x?chunks=2&chunkSize=1000&failCode=13");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.curl_code, 0);  // no final chunk: the client knows it is incomplete
  // The connection is not reused after a cut stream.
  HttpResult next = client.Get("/healthz");
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.new_connections, 1);
}

TEST_F(StreamingTest, UploadOfFiveMebibytesArrivesWholeInSeveralMessages) {
  std::string data(5 << 20, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 2654435761u) >> 13);
  HttpClient client(port());
  HttpResult r =
      client.Send("POST", "/v1/echo/uploads", data, {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(r.status, 200) << r.body;
  v1::UploadSummary summary = Summary(r.body);
  EXPECT_EQ(summary.size(), 5 << 20);
  EXPECT_EQ(summary.checksum(), Checksum(data));
  EXPECT_GT(summary.messages(), 1);
  EXPECT_EQ(summary.content_type(), "application/pdf");
}

TEST_F(StreamingTest, EmptyUploadIsOneMessageWithTheContentType) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/uploads", "", {{"Content-Type", "text/plain"}});
  ASSERT_EQ(r.status, 200) << r.body;
  v1::UploadSummary summary = Summary(r.body);
  EXPECT_EQ(summary.size(), 0);
  EXPECT_EQ(summary.messages(), 1);
  EXPECT_EQ(summary.content_type(), "text/plain");
}

TEST_F(StreamingTest, ChunkedUploadIsStreamed) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(
      "POST /v1/echo/uploads HTTP/1.1\r\nHost: gateway\r\nContent-Type: text/plain\r\n"
      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n "
      "world\r\n0\r\n\r\n"));
  bool closed = false;
  std::string answer = connection.ReadUntilClosed(absl::Now() + absl::Seconds(10), &closed);
  EXPECT_TRUE(closed);
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 200 OK"));
  EXPECT_THAT(answer, HasSubstr(R"("size":"11")"));
  EXPECT_THAT(answer, HasSubstr(R"("checksum":")" + Checksum("hello world") + "\""));
}

class SmallUploadTest : public GatewayFixture {
  void Configure(GatewayOptions& options) override { options.max_upload_bytes = 1 << 20; }
};

TEST_F(SmallUploadTest, UploadOverTheLimitIs413) {
  HttpClient client(port());
  HttpResult r = client.Send("POST", "/v1/echo/uploads", std::string(2 << 20, 'x'),
                             {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_THAT(r.body, HasSubstr(R"({"code":8,"message":"the request body exceeds 1048576 bytes")"));
}

TEST_F(SmallUploadTest, ChunkedUploadOverTheLimitIs413) {
  RawConnection connection(port());
  ASSERT_TRUE(connection.connected());
  std::string request =
      "POST /v1/echo/uploads HTTP/1.1\r\nHost: gateway\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string piece(256 << 10, 'y');
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
  for (int i = 0; i < 5; ++i) request += size + piece + "\r\n";
  request += "0\r\n\r\n";
  connection.Send(request);
  bool closed = false;
  std::string answer = connection.ReadUntilClosed(absl::Now() + absl::Seconds(10), &closed);
  EXPECT_THAT(answer, HasSubstr("HTTP/1.1 413"));
  EXPECT_TRUE(closed);
}

TEST_F(StreamingTest, ServerStreamOfMessagesIsAJsonArray) {
  HttpClient client(port());
  HttpResult three = client.Get("/v1/echo/shelves/s/items?count=3");
  ASSERT_EQ(three.status, 200) << three.body;
  EXPECT_EQ(three.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(three.body.front(), '[');
  EXPECT_EQ(three.body.back(), ']');
  EXPECT_THAT(three.body, HasSubstr(R"("id":"0")"));
  EXPECT_THAT(three.body, HasSubstr(R"("id":"2")"));
  HttpResult none = client.Get("/v1/echo/shelves/s/items?count=0");
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(none.body, "[]");
}

}  // namespace
}  // namespace helpdesk::gateway::testing
