#include "services/gateway/transcoder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "helpdesk/testing/v1/echo.pb.h"
#include "services/gateway/json_text.h"
#include "services/gateway/route_table.h"

namespace helpdesk::gateway {
namespace {

using ::testing::HasSubstr;
namespace v1 = helpdesk::testing::v1;

TEST(StatusMappingTest, FollowsEnvoysTable) {
  const std::pair<int, int> kTable[] = {{0, 200},  {1, 499},  {2, 500},  {3, 400},  {4, 504},
                                        {5, 404},  {6, 409},  {7, 403},  {8, 429},  {9, 400},
                                        {10, 409}, {11, 400}, {12, 501}, {13, 500}, {14, 503},
                                        {15, 500}, {16, 401}, {99, 500}};
  for (auto [grpc, http] : kTable)
    EXPECT_EQ(HttpStatusFromGrpc(grpc), http) << "gRPC code " << grpc;
}

TEST(ErrorBodyTest, HasCodeMessageAndDetails) {
  EXPECT_EQ(ErrorBody(5, "ticket not found"),
            R"({"code":5,"message":"ticket not found","details":[]})");
  EXPECT_EQ(ErrorBody(3, "bad \"x\"\n\x01"),
            R"({"code":3,"message":"bad \"x\"\n\u0001","details":[]})");
}

TEST(ErrorResponseTest, CarriesApiHeaders) {
  HttpResponse r = ErrorResponse(404, 5, "gone", "req-1");
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(r.headers,
              ::testing::Contains(HttpHeader{"Content-Type", "application/json; charset=utf-8"}));
  EXPECT_THAT(r.headers, ::testing::Contains(HttpHeader{"X-Content-Type-Options", "nosniff"}));
  EXPECT_THAT(r.headers, ::testing::Contains(HttpHeader{"Cache-Control", "no-store"}));
  EXPECT_THAT(r.headers, ::testing::Contains(HttpHeader{"X-Request-Id", "req-1"}));
}

TEST(ApiHeadersTest, BackendValuesWin) {
  std::vector<HttpHeader> headers = {{"cache-control", "private, max-age=60"}};
  AddApiHeaders(headers, "");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_THAT(headers, ::testing::Contains(HttpHeader{"X-Content-Type-Options", "nosniff"}));
}

class ResponseJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto table = RouteTable::Load({HELPDESK_ECHO_DESCRIPTOR_SET});
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = *std::move(table);
  }
  std::unique_ptr<RouteTable> table_;
};

TEST_F(ResponseJsonTest, PrintsZeroValuesAndEmptyListsInCamelCase) {
  const Route* route = table_->Find("POST", "/v1/echo/items", "").route;
  ASSERT_NE(route, nullptr);
  absl::StatusOr<std::string> json = ResponseJson(*route, "", table_->type_resolver());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr(R"("count":0)"));
  EXPECT_THAT(*json, HasSubstr(R"("urgent":false)"));
  EXPECT_THAT(*json, HasSubstr(R"("tags":[])"));
  EXPECT_THAT(*json, HasSubstr(R"("children":[])"));
  EXPECT_THAT(*json, HasSubstr(R"("totalCents":"0")"));
  EXPECT_THAT(*json, HasSubstr(R"("color":"COLOR_UNSPECIFIED")"));
  EXPECT_EQ(json->find("filter"), std::string::npos);  // an absent message stays absent
}

TEST_F(ResponseJsonTest, BadBytesAreAnInternalError) {
  const Route* route = table_->Find("POST", "/v1/echo/items", "").route;
  ASSERT_NE(route, nullptr);
  absl::StatusOr<std::string> json = ResponseJson(*route, "\xff\xff\xff", table_->type_resolver());
  EXPECT_EQ(json.status().code(), absl::StatusCode::kInternal);
}

TEST_F(ResponseJsonTest, StatusDetailsPrintWithTheirType) {
  v1::Item item;
  item.set_id("d-1");
  // google.rpc.Status{code: 9, message: "no", details: [Any{Item}, Any{unknown}]}
  auto field = [](int number, const std::string& bytes) {
    return std::string(1, static_cast<char>(number << 3 | 2)) + static_cast<char>(bytes.size()) +
           bytes;
  };
  std::string known =
      field(1, "type.googleapis.com/helpdesk.testing.v1.Item") + field(2, item.SerializeAsString());
  std::string unknown = field(1, "type.googleapis.com/x.Unknown") + field(2, "zz");
  std::string status =
      std::string("\x08\x09", 2) + field(2, "no") + field(3, known) + field(3, unknown);
  std::string details = DetailsJson(status, table_->type_resolver());
  EXPECT_THAT(
      details,
      HasSubstr(
          R"({"@type":"type.googleapis.com/helpdesk.testing.v1.Item","shelf":"","id":"d-1")"));
  EXPECT_THAT(details, HasSubstr(R"({"@type":"type.googleapis.com/x.Unknown"})"));
  EXPECT_EQ(DetailsJson("\xff", table_->type_resolver()), "[]");
  EXPECT_EQ(DetailsJson("", table_->type_resolver()), "[]");
}

}  // namespace
}  // namespace helpdesk::gateway
