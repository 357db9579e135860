#include "services/gateway/path_template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace helpdesk::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

PathTemplate MustParse(std::string_view text) {
  absl::StatusOr<PathTemplate> t = PathTemplate::Parse(text);
  EXPECT_TRUE(t.ok()) << text << ": " << t.status();
  return *t;
}

TEST(PathTemplateTest, LiteralSegmentsMatchExactly) {
  PathTemplate t = MustParse("/v1/scopes");
  EXPECT_THAT(t.Match("/v1/scopes"), Optional(ElementsAre()));
  EXPECT_EQ(t.Match("/v1/scopes/"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/scope"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/scopes/x"), std::nullopt);
  EXPECT_EQ(t.Match("v1/scopes"), std::nullopt);
}

TEST(PathTemplateTest, VariablesBindOneSegment) {
  PathTemplate t = MustParse("/v1/tickets/{ticket_id}/messages/{message_id}");
  EXPECT_THAT(
      t.Match("/v1/tickets/t1/messages/m2"),
      Optional(ElementsAre(PathBinding{"ticket_id", "t1"}, PathBinding{"message_id", "m2"})));
  EXPECT_EQ(t.Match("/v1/tickets/t1/messages/"), std::nullopt);  // empty segment
  EXPECT_EQ(t.Match("/v1/tickets//messages/m2"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/tickets/a/b/messages/m2"), std::nullopt);
}

TEST(PathTemplateTest, LiteralWithDotsMatches) {
  PathTemplate t = MustParse("/v1/tickets/{ticket_id}/messages/{message_id}/images.zip");
  EXPECT_THAT(t.Match("/v1/tickets/t/messages/m/images.zip"),
              Optional(ElementsAre(PathBinding{"ticket_id", "t"}, PathBinding{"message_id", "m"})));
  EXPECT_EQ(t.Match("/v1/tickets/t/messages/m/imagesXzip"), std::nullopt);
}

TEST(PathTemplateTest, VerbIsMatchedAndStripped) {
  PathTemplate t = MustParse("/v1/tickets/{id}:close");
  EXPECT_EQ(t.verb(), "close");
  EXPECT_THAT(t.Match("/v1/tickets/42:close"), Optional(ElementsAre(PathBinding{"id", "42"})));
  EXPECT_EQ(t.Match("/v1/tickets/42:reopen"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/tickets/42"), std::nullopt);
  EXPECT_EQ(t.Match("/v1/tickets/:close"), std::nullopt);
  // An id may itself hold a colon: the verb is the last one.
  EXPECT_THAT(t.Match("/v1/tickets/a:b:close"), Optional(ElementsAre(PathBinding{"id", "a:b"})));
}

TEST(PathTemplateTest, VerbAfterLiteral) {
  PathTemplate t = MustParse("/v1/auth/password:change");
  EXPECT_EQ(t.verb(), "change");
  EXPECT_THAT(t.Match("/v1/auth/password:change"), Optional(ElementsAre()));
  EXPECT_EQ(t.Match("/v1/auth/password:forgot"), std::nullopt);
  EXPECT_THAT(MustParse("/v1/sla:computeDue").Match("/v1/sla:computeDue"), Optional(ElementsAre()));
}

TEST(PathTemplateTest, WildcardsWithoutVariables) {
  PathTemplate single = MustParse("/v1/*/items");
  EXPECT_THAT(single.Match("/v1/x/items"), Optional(ElementsAre()));
  EXPECT_EQ(single.Match("/v1/x/y/items"), std::nullopt);
  PathTemplate multi = MustParse("/v1/files/**");
  EXPECT_THAT(multi.Match("/v1/files/a/b/c"), Optional(ElementsAre()));
  EXPECT_THAT(multi.Match("/v1/files"), Optional(ElementsAre()));
}

TEST(PathTemplateTest, MultiSegmentVariable) {
  PathTemplate t = MustParse("/v1/{name=shelves/*/books/**}");
  EXPECT_THAT(t.Match("/v1/shelves/s1/books/b/2"),
              Optional(ElementsAre(PathBinding{"name", "shelves/s1/books/b/2"})));
  EXPECT_EQ(t.Match("/v1/shelves/s1/papers/b"), std::nullopt);
  PathTemplate rest = MustParse("/v1/blobs/{path=**}:get");
  EXPECT_THAT(rest.Match("/v1/blobs/a/b.txt:get"),
              Optional(ElementsAre(PathBinding{"path", "a/b.txt"})));
}

TEST(PathTemplateTest, NestedFieldPath) {
  PathTemplate t = MustParse("/v1/items/{item.id}/{item.filter.text=*}");
  EXPECT_THAT(
      t.Match("/v1/items/7/hello"),
      Optional(ElementsAre(PathBinding{"item.id", "7"}, PathBinding{"item.filter.text", "hello"})));
}

TEST(PathTemplateTest, PercentDecoding) {
  PathTemplate single = MustParse("/v1/files/{name}");
  EXPECT_THAT(single.Match("/v1/files/a%2Fb%20c"),
              Optional(ElementsAre(PathBinding{"name", "a/b c"})));
  PathTemplate multi = MustParse("/v1/files/{name=**}");
  EXPECT_THAT(multi.Match("/v1/files/a%2Fb/c%20d"),
              Optional(ElementsAre(PathBinding{"name", "a%2Fb/c d"})));
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(PathTemplateTest, SpecificityPrefersVerbThenLiteralThenSingleThenMulti) {
  auto key = [](std::string_view text) { return MustParse(text).specificity(); };
  EXPECT_LT(key("/v1/tickets/{id}:close"), key("/v1/tickets/{id}"));
  EXPECT_LT(key("/v1/tickets/new"), key("/v1/tickets/{id}"));
  EXPECT_LT(key("/v1/tickets/{id}"), key("/v1/tickets/{id=**}"));
  EXPECT_LT(key("/v1/a/*/c"), key("/v1/a/**"));
}

TEST(PathTemplateTest, MalformedTemplatesAreRefused) {
  for (std::string_view bad : {"v1/x", "/v1//x", "/v1/x/", "/v1/{id", "/v1/{}", "/v1/{1a}",
                               "/v1/**/x", "/v1/{a={b}}", "/v1/x:", "/v1/{id}/{id}", "/v1/x:a/b"}) {
    absl::StatusOr<PathTemplate> t = PathTemplate::Parse(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_THAT(std::string(t.status().message()), HasSubstr("path template"));
    }
  }
}

}  // namespace
}  // namespace helpdesk::gateway
