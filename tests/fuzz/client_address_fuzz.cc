// The gateway's reading of addresses (services/gateway/headers.h): the
// X-Forwarded-For chain behind trusted proxies, the socket peer, the trusted
// proxy list, and the headers forwarded as gRPC metadata.
//
// Invariants: NormalizeAddress gives "" or an address that normalizes to
// itself; the client address is the peer when the peer is not trusted, and
// otherwise the peer or one of the forwarded hops, normalized; a proxy list
// that parses contains each of its plain addresses; forwarded metadata is
// printable ASCII.
//
// Input: the peer address, '\n', the trusted proxy list, '\n', then
// X-Forwarded-For header values, one per line.
#include <arpa/inet.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_split.h"
#include "services/gateway/headers.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

void CheckNormalized(std::string_view text) {
  std::string address = helpdesk::gateway::NormalizeAddress(text);
  if (address.empty()) return;
  FUZZ_CHECK(helpdesk::gateway::NormalizeAddress(address) == address);
  unsigned char bytes[16];
  FUZZ_CHECK(inet_pton(AF_INET, address.c_str(), bytes) == 1 ||
             inet_pton(AF_INET6, address.c_str(), bytes) == 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  using namespace helpdesk::gateway;
  auto [peer, rest] = fuzz::SplitLine(fuzz::AsText(data, size));
  auto [list, forwarded] = fuzz::SplitLine(rest);
  CheckNormalized(peer);

  absl::StatusOr<TrustedProxies> proxies = TrustedProxies::Parse(list);
  if (!proxies.ok()) {
    FUZZ_CHECK(proxies.status().code() == absl::StatusCode::kInvalidArgument);
    proxies = TrustedProxies::Parse("10.0.0.0/8, 192.168.0.0/16, fd00::/8, ::1");
    FUZZ_CHECK(proxies.ok());
  } else {
    for (absl::string_view entry :
         absl::StrSplit(absl::string_view(list.data(), list.size()), ',')) {
      std::string address(absl::StripAsciiWhitespace(entry));
      if (address.find('/') != std::string::npos || address.empty()) continue;
      if (address.front() == ' ' || address.front() == '\t') continue;
      CheckNormalized(address);
      if (!NormalizeAddress(address).empty()) FUZZ_CHECK(proxies->Contains(address));
    }
  }

  std::vector<HttpHeader> headers;
  std::vector<std::string> candidates;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(forwarded.data(), forwarded.size()), '\n')) {
    headers.push_back({"x-forwarded-for", std::string(line)});
    for (absl::string_view hop : absl::StrSplit(line, ',')) {
      CheckNormalized(std::string_view(hop.data(), hop.size()));
      candidates.push_back(NormalizeAddress(std::string_view(hop.data(), hop.size())));
    }
  }
  std::string client = ClientAddress(peer, headers, *proxies);
  std::string normalized_peer = NormalizeAddress(peer);
  std::string peer_address = normalized_peer.empty() ? std::string(peer) : normalized_peer;
  if (!proxies->Contains(peer_address)) {
    FUZZ_CHECK(client == peer_address);
  } else {
    FUZZ_CHECK(client == peer_address ||
               std::find(candidates.begin(), candidates.end(), client) != candidates.end());
    FUZZ_CHECK(!client.empty());
  }

  headers.push_back({"cookie", std::string(peer)});
  headers.push_back({"authorization", std::string(list)});
  absl::StatusOr<Metadata> metadata = RequestMetadata(headers, client, "request-1");
  if (metadata.ok()) {
    for (const auto& [key, value] : *metadata) {
      if (key == "x-forwarded-for" || key == "x-request-id") continue;
      for (char c : value) FUZZ_CHECK(c >= 0x20 && c <= 0x7e);
    }
  } else {
    FUZZ_CHECK(metadata.status().code() == absl::StatusCode::kInvalidArgument);
  }
  return 0;
}
