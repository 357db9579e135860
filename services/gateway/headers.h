// Which HTTP headers become gRPC metadata and back, defined once here (and
// documented in docs/gateway.md), and the client address the backends see.
//
// Request headers forwarded as metadata: authorization, idempotency-key,
// accept, accept-language, cookie; plus x-request-id (generated per request)
// and x-forwarded-for (the client address, see ClientAddress). Response
// metadata, initial and trailing, turned into headers: content-disposition,
// etag, set-cookie (may repeat), retry-after, cache-control, location,
// x-content-type-options. Nothing else crosses.
//
//   HELPDESK_ASSIGN_OR_RETURN(TrustedProxies proxies, TrustedProxies::Parse("10.0.0.0/8"));
//   std::string client = ClientAddress(head.peer_address, head.headers, proxies);
//   HELPDESK_ASSIGN_OR_RETURN(Metadata md, RequestMetadata(head.headers, client, request_id));
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/http_message.h"

namespace helpdesk::gateway {

inline constexpr std::array<std::string_view, 5> kForwardedRequestHeaders = {
    "authorization", "idempotency-key", "accept", "accept-language", "cookie"};
inline constexpr std::array<std::string_view, 7> kForwardedResponseMetadata = {
    "content-disposition",   "etag", "set-cookie", "retry-after", "cache-control", "location",
    "x-content-type-options"};

// gRPC metadata: (lower-case key, value) pairs; keys may repeat.
using Metadata = std::vector<std::pair<std::string, std::string>>;

// The networks whose X-Forwarded-For the gateway believes (its load balancer
// or ingress), from HELPDESK_TRUSTED_PROXIES.
class TrustedProxies {
 public:
  // A comma list of CIDRs or single addresses ("10.0.0.0/8, ::1"); empty
  // trusts nobody. INVALID_ARGUMENT naming the entry that is not one.
  static absl::StatusOr<TrustedProxies> Parse(std::string_view list);

  bool Contains(std::string_view address) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    std::array<uint8_t, 16> bytes;  // IPv4 as IPv4-mapped IPv6
    int prefix_bits;
  };
  std::vector<Network> networks_;
};

// The client's address: the socket peer; when the peer is a trusted proxy,
// the right-most address of X-Forwarded-For that is not a trusted proxy (the
// left-most when all are). X-Forwarded-For from an untrusted peer is ignored.
std::string ClientAddress(std::string_view peer, const std::vector<HttpHeader>& headers,
                          const TrustedProxies& proxies);

// The metadata of a request. INVALID_ARGUMENT naming the header when a
// forwarded header holds characters gRPC metadata cannot carry.
absl::StatusOr<Metadata> RequestMetadata(const std::vector<HttpHeader>& headers,
                                         std::string_view client_address,
                                         std::string_view request_id);

// The response headers carried by `initial` then `trailing` metadata.
std::vector<HttpHeader> ResponseHeaders(const Metadata& initial, const Metadata& trailing);

// "::ffff:10.1.2.3" → "10.1.2.3"; brackets and a port removed
// ("[::1]:443" → "::1", "10.1.2.3:80" → "10.1.2.3"). "" if not an address.
std::string NormalizeAddress(std::string_view text);

}  // namespace helpdesk::gateway
