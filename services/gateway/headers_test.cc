#include "services/gateway/headers.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace helpdesk::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Pair = std::pair<std::string, std::string>;

TrustedProxies Proxies(std::string_view list) {
  absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse(list);
  EXPECT_TRUE(proxies.ok()) << proxies.status();
  return *proxies;
}

TEST(ClientAddressTest, UntrustedPeerIsTheClientWhateverItForwards) {
  std::vector<HttpHeader> headers = {{"x-forwarded-for", "1.2.3.4"}};
  EXPECT_EQ(ClientAddress("198.51.100.7", headers, Proxies("")), "198.51.100.7");
  EXPECT_EQ(ClientAddress("198.51.100.7", headers, Proxies("10.0.0.0/8")), "198.51.100.7");
}

TEST(ClientAddressTest, TrustedPeerGivesTheRightMostUntrustedHop) {
  TrustedProxies proxies = Proxies("10.0.0.0/8, 192.168.1.1");
  std::vector<HttpHeader> headers = {{"x-forwarded-for", "6.6.6.6, 203.0.113.9"},
                                     {"x-forwarded-for", "10.1.2.3"}};
  EXPECT_EQ(ClientAddress("192.168.1.1", headers, proxies), "203.0.113.9");
  // Every hop trusted: the left-most.
  EXPECT_EQ(ClientAddress("10.0.0.1", {{"x-forwarded-for", "10.0.0.9, 10.0.0.8"}}, proxies),
            "10.0.0.9");
  // No header: the proxy itself.
  EXPECT_EQ(ClientAddress("10.0.0.1", {}, proxies), "10.0.0.1");
  // Garbage stops the walk at the last address believed.
  EXPECT_EQ(ClientAddress("10.0.0.1", {{"x-forwarded-for", "7.7.7.7, junk, 10.0.0.5"}}, proxies),
            "10.0.0.5");
}

TEST(ClientAddressTest, IPv6AndMappedAddresses) {
  TrustedProxies proxies = Proxies("::1, 2001:db8::/32");
  EXPECT_EQ(ClientAddress("::1", {{"x-forwarded-for", "[2001:db9::5]:443"}}, proxies),
            "2001:db9::5");
  EXPECT_EQ(ClientAddress("::ffff:198.51.100.7", {}, proxies), "198.51.100.7");
  EXPECT_EQ(ClientAddress("2001:db8::1", {{"x-forwarded-for", "203.0.113.1:5555"}}, proxies),
            "203.0.113.1");
  EXPECT_TRUE(Proxies("10.0.0.0/8").Contains("::ffff:10.9.9.9"));
  EXPECT_FALSE(Proxies("10.0.0.0/8").Contains("11.0.0.1"));
  EXPECT_TRUE(Proxies("172.16.0.0/12").Contains("172.31.255.255"));
  EXPECT_FALSE(Proxies("172.16.0.0/12").Contains("172.32.0.0"));
}

// Found by tests/fuzz (client_address): inet_pton stops at a NUL, so
// "10.0.0.1\0junk" passed for an address and came back with its junk.
TEST(ClientAddressTest, AnAddressWithANulIsNone) {
  EXPECT_EQ(NormalizeAddress(std::string("[::\0 ]", 6)), "");
  EXPECT_EQ(NormalizeAddress(std::string("10.0.0.1\0junk", 13)), "");
  EXPECT_FALSE(Proxies("10.0.0.0/8").Contains(std::string("10.0.0.1\0", 9)));
}

TEST(TrustedProxiesTest, BadEntriesNameTheSetting) {
  for (std::string_view bad : {"10.0.0.0/33", "nonsense", "10.0.0.0/x", "::1/129"}) {
    absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse(bad);
    ASSERT_FALSE(proxies.ok()) << bad;
    EXPECT_THAT(std::string(proxies.status().message()), HasSubstr("HELPDESK_TRUSTED_PROXIES"));
  }
  EXPECT_TRUE(TrustedProxies::Parse("").ok());
}

TEST(RequestMetadataTest, ForwardsOnlyTheAllowList) {
  std::vector<HttpHeader> headers = {{"authorization", "Bearer t"},
                                     {"idempotency-key", "k-1"},
                                     {"accept", "application/json"},
                                     {"accept-language", "it"},
                                     {"cookie", "a=1"},
                                     {"cookie", "b=2"},
                                     {"x-other", "no"},
                                     {"x-request-id", "forged"},
                                     {"x-forwarded-for", "6.6.6.6"},
                                     {"host", "example.com"}};
  absl::StatusOr<Metadata> md = RequestMetadata(headers, "198.51.100.7", "req-1");
  ASSERT_TRUE(md.ok()) << md.status();
  EXPECT_THAT(*md, ElementsAre(Pair{"authorization", "Bearer t"}, Pair{"idempotency-key", "k-1"},
                               Pair{"accept", "application/json"}, Pair{"accept-language", "it"},
                               Pair{"cookie", "a=1; b=2"}, Pair{"x-request-id", "req-1"},
                               Pair{"x-forwarded-for", "198.51.100.7"}));
}

TEST(RequestMetadataTest, ValuesGrpcCannotCarryAreRefused) {
  absl::StatusOr<Metadata> md =
      RequestMetadata({{"authorization", "Bearer \xc3\xa9"}}, "1.1.1.1", "r");
  ASSERT_FALSE(md.ok());
  EXPECT_THAT(std::string(md.status().message()), HasSubstr("authorization"));
}

TEST(ResponseHeadersTest, OnlyTheAllowListCrossesAndRepeatsAreKept) {
  Metadata initial = {
      {"content-disposition", "attachment"}, {"set-cookie", "a=1"}, {"x-secret", "s"}};
  Metadata trailing = {{"set-cookie", "b=2"}, {"retry-after", "7"}, {"grpc-status", "0"}};
  EXPECT_THAT(
      ResponseHeaders(initial, trailing),
      ElementsAre(HttpHeader{"content-disposition", "attachment"}, HttpHeader{"set-cookie", "a=1"},
                  HttpHeader{"set-cookie", "b=2"}, HttpHeader{"retry-after", "7"}));
}

}  // namespace
}  // namespace helpdesk::gateway
