#include "services/gateway/request_builder.h"

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "helpdesk/testing/v1/echo.pb.h"
#include "services/gateway/route_table.h"

namespace helpdesk::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace v1 = helpdesk::testing::v1;

class RequestBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto table = RouteTable::Load({HELPDESK_ECHO_DESCRIPTOR_SET});
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = table->release();
  }
  static void TearDownTestSuite() { delete table_; }

  // Builds the request of `method path?query` with `body`.
  absl::StatusOr<std::string> Build(std::string_view method, std::string_view target,
                                    std::string_view body = "") {
    size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    std::string_view query = question == std::string_view::npos ? "" : target.substr(question + 1);
    RouteTable::Match m = table_->Find(method, path, "");
    EXPECT_NE(m.route, nullptr) << method << " " << path;
    if (m.route == nullptr) return absl::NotFoundError("no route");
    return BuildRequest(*m.route, m.bindings, query, body, "application/json",
                        table_->type_resolver());
  }

  template <typename Message>
  Message Parse(const absl::StatusOr<std::string>& bytes) {
    Message m;
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    if (bytes.ok()) {
      EXPECT_TRUE(m.ParseFromString(*bytes));
    }
    return m;
  }

  std::string ErrorOf(const absl::StatusOr<std::string>& bytes) {
    EXPECT_FALSE(bytes.ok());
    if (!bytes.ok()) {
      EXPECT_EQ(bytes.status().code(), absl::StatusCode::kInvalidArgument);
    }
    return bytes.ok() ? "" : std::string(bytes.status().message());
  }

  static RouteTable* table_;
};

RouteTable* RequestBuilderTest::table_ = nullptr;

TEST_F(RequestBuilderTest, PathVariablesAndQueryParametersOfEveryKind) {
  v1::Item item =
      Parse<v1::Item>(Build("GET",
                            "/v1/echo/shelves/s%201/items/"
                            "i-9?color=RED&urgent=true&count=-7&tags=a&tags=b+c&filter.text=x%26y"
                            "&filter.limit=3&since=2024-01-02T03:04:05Z&totalCents=1234567890123&"
                            "blob=aGk%3D&sizes=1&sizes=2"));
  EXPECT_EQ(item.shelf(), "s 1");
  EXPECT_EQ(item.id(), "i-9");
  EXPECT_EQ(item.color(), v1::Item::RED);
  EXPECT_TRUE(item.urgent());
  EXPECT_EQ(item.count(), -7);
  EXPECT_THAT(item.tags(), ElementsAre("a", "b c"));
  EXPECT_EQ(item.filter().text(), "x&y");
  EXPECT_EQ(item.filter().limit(), 3);
  EXPECT_EQ(item.since().seconds(), 1704164645);
  EXPECT_EQ(item.total_cents(), 1234567890123);
  EXPECT_EQ(item.blob(), "hi");
  EXPECT_THAT(item.sizes(), ElementsAre(1, 2));
}

TEST_F(RequestBuilderTest, QueryNamesMayBeProtoNamesAndBareBoolIsTrue) {
  v1::Item item = Parse<v1::Item>(Build("GET", "/v1/echo/shelves/s/items/i?total_cents=5&urgent"));
  EXPECT_EQ(item.total_cents(), 5);
  EXPECT_TRUE(item.urgent());
}

TEST_F(RequestBuilderTest, UnknownQueryParameterIsRefusedByName) {
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?bogus=1")), HasSubstr("\"bogus\""));
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?filter.nope=1")),
              HasSubstr("\"filter.nope\""));
}

TEST_F(RequestBuilderTest, QueryTypeErrorsNameTheField) {
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?count=abc")),
              HasSubstr("\"count\""));
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?color=PURPLE")),
              HasSubstr("\"color\""));
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?since=yesterday")),
              HasSubstr("\"since\""));
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?totalCents=1.5")),
              HasSubstr("\"totalCents\""));
}

TEST_F(RequestBuilderTest, QueryParametersThatCannotApplyAreRefused) {
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?count=1&count=2")),
              HasSubstr("more than once"));
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?id=other")),
              HasSubstr("bound by the path"));
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/shelves/s/items/i?filter=x")),
              HasSubstr("names a message"));
  // body "*": every field is the body's.
  EXPECT_THAT(ErrorOf(Build("POST", "/v1/echo/items?note=x", "{}")), HasSubstr("\"note\""));
  // body "item": item.* belongs to the body, reason does not.
  EXPECT_THAT(ErrorOf(Build("PATCH", "/v1/echo/items/i?item.count=3", "{}")),
              HasSubstr("bound by the"));
}

TEST_F(RequestBuilderTest, BodyStarTakesJsonInEitherNameForm) {
  v1::Item item = Parse<v1::Item>(
      Build("POST", "/v1/echo/items", R"({"id":"x","totalCents":"5","filter":{"text":"t"}})"));
  EXPECT_EQ(item.id(), "x");
  EXPECT_EQ(item.total_cents(), 5);
  EXPECT_EQ(item.filter().text(), "t");
  EXPECT_EQ(Parse<v1::Item>(Build("POST", "/v1/echo/items", R"({"total_cents":6})")).total_cents(),
            6);
}

TEST_F(RequestBuilderTest, EmptyBodyIsAnEmptyMessage) {
  EXPECT_EQ(Build("POST", "/v1/echo/items", "").value(), "");
  EXPECT_EQ(Build("POST", "/v1/echo/items", " \r\n").value(), "");
}

TEST_F(RequestBuilderTest, PathVariablesApplyAfterTheBody) {
  v1::Item item = Parse<v1::Item>(
      Build("POST", "/v1/echo/shelves/from-path/items", R"({"shelf":"from-body"})"));
  EXPECT_EQ(item.shelf(), "from-path");
}

TEST_F(RequestBuilderTest, BodyFieldFillsThatFieldAndQueryTheRest) {
  v1::UpdateItemRequest request = Parse<v1::UpdateItemRequest>(
      Build("PATCH", "/v1/echo/items/i-3?reason=because", R"({"color":"GREEN","count":4})"));
  EXPECT_EQ(request.id(), "i-3");
  EXPECT_EQ(request.reason(), "because");
  EXPECT_EQ(request.item().color(), v1::Item::GREEN);
  EXPECT_EQ(request.item().count(), 4);
}

TEST_F(RequestBuilderTest, JsonErrorsNameTheJsonField) {
  EXPECT_THAT(ErrorOf(Build("POST", "/v1/echo/items", R"({"nope":1})")),
              HasSubstr("unknown field \"nope\""));
  EXPECT_THAT(ErrorOf(Build("POST", "/v1/echo/items", R"({"filter":{"txt":1}})")),
              HasSubstr("unknown field \"filter.txt\""));
  EXPECT_THAT(ErrorOf(Build("POST", "/v1/echo/items", R"({"total_cents":"abc"})")),
              HasSubstr("field \"totalCents\""));
  EXPECT_THAT(ErrorOf(Build("POST", "/v1/echo/items", R"({"children":[{},{"count":"x"}]})")),
              HasSubstr("field \"children[1].count\""));
  std::string syntax = ErrorOf(Build("POST", "/v1/echo/items", R"({"id":)"));
  EXPECT_THAT(syntax, HasSubstr("invalid JSON body"));
  EXPECT_EQ(syntax.find('\n'), std::string::npos);
  EXPECT_THAT(ErrorOf(Build("POST", "/v1/echo/items", "[1]")), HasSubstr("invalid JSON body"));
}

TEST_F(RequestBuilderTest, NonStringPathVariablesAreParsed) {
  EXPECT_EQ(Parse<v1::WaitRequest>(Build("GET", "/v1/echo/wait/250")).millis(), 250);
  EXPECT_THAT(ErrorOf(Build("GET", "/v1/echo/wait/soon")), HasSubstr("\"millis\""));
}

TEST_F(RequestBuilderTest, RawBodyBecomesHttpBody) {
  RouteTable::Match m = table_->Find("GET", "/v1/echo/files/x", "");
  ASSERT_NE(m.route, nullptr);
  EXPECT_TRUE(m.route->raw_response);
  std::string bytes = EncodeHttpBody("image/png", std::string("\x89PNG\0", 5));
  helpdesk::common::v1::HttpBody body;
  ASSERT_TRUE(body.ParseFromString(bytes));
  EXPECT_EQ(body.content_type(), "image/png");
  EXPECT_EQ(body.data(), std::string("\x89PNG\0", 5));
}

TEST(ParseQueryTest, DecodesPairs) {
  EXPECT_THAT(ParseQuery("a=1&b=x%20y+z&&c&d="),
              ElementsAre(std::pair<std::string, std::string>{"a", "1"},
                          std::pair<std::string, std::string>{"b", "x y z"},
                          std::pair<std::string, std::string>{"c", ""},
                          std::pair<std::string, std::string>{"d", ""}));
  EXPECT_TRUE(ParseQuery("").empty());
}

}  // namespace
}  // namespace helpdesk::gateway
