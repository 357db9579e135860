#include "services/gateway/headers.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/text.h"

namespace helpdesk::gateway {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// IPv4 as IPv4-mapped IPv6, so one comparison covers both.
bool ToBytes(std::string_view address, std::array<uint8_t, 16>& bytes, bool* is_v4) {
  // inet_pton reads up to a NUL: "10.0.0.1\0junk" is not an address.
  if (address.find('\0') != std::string_view::npos) return false;
  std::string text(address);
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    bytes.fill(0);
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(&bytes[12], &v4, 4);
    *is_v4 = true;
    return true;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    *is_v4 = false;
    return true;
  }
  return false;
}

bool Printable(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

}  // namespace

std::string NormalizeAddress(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return "";
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    text = text.substr(0, text.find(':'));  // IPv4 with a port
  }
  std::array<uint8_t, 16> bytes;
  bool is_v4 = false;
  if (!ToBytes(text, bytes, &is_v4)) return "";
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (!is_v4 && std::memcmp(bytes.data(), kMapped, 12) == 0) {
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &bytes[12], buf, sizeof buf);
    return buf;
  }
  return std::string(text);
}

absl::StatusOr<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies proxies;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view entry =
        Trim(list.substr(start, comma == std::string_view::npos ? comma : comma - start));
    start = comma == std::string_view::npos ? list.size() + 1 : comma + 1;
    if (entry.empty()) continue;
    size_t slash = entry.find('/');
    Network network;
    bool is_v4 = false;
    int bits = -1;
    bool ok = ToBytes(entry.substr(0, slash), network.bytes, &is_v4);
    if (ok && slash != std::string_view::npos) {
      ok = absl::SimpleAtoi(Absl(entry.substr(slash + 1)), &bits) && bits >= 0 &&
           bits <= (is_v4 ? 32 : 128);
    }
    if (!ok) {
      return absl::InvalidArgumentError(
          absl::StrCat("HELPDESK_TRUSTED_PROXIES: \"", Absl(entry),
                       "\" is not an address or CIDR such as 10.0.0.0/8"));
    }
    if (bits < 0) bits = is_v4 ? 32 : 128;
    network.prefix_bits = is_v4 ? bits + 96 : bits;
    proxies.networks_.push_back(network);
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  std::array<uint8_t, 16> bytes;
  bool is_v4 = false;
  if (networks_.empty() || !ToBytes(NormalizeAddress(address), bytes, &is_v4)) return false;
  for (const Network& n : networks_) {
    int full = n.prefix_bits / 8;
    int rest = n.prefix_bits % 8;
    if (std::memcmp(bytes.data(), n.bytes.data(), full) != 0) continue;
    if (rest != 0) {
      uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
      if ((bytes[full] & mask) != (n.bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ClientAddress(std::string_view peer, const std::vector<HttpHeader>& headers,
                          const TrustedProxies& proxies) {
  std::string client = NormalizeAddress(peer);
  if (client.empty()) client = std::string(peer);
  if (!proxies.Contains(client)) return client;
  std::vector<std::string_view> hops;
  for (const HttpHeader& h : headers) {
    if (h.name != "x-forwarded-for") continue;
    std::string_view value = h.value;
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      hops.push_back(value.substr(start, comma == std::string_view::npos ? comma : comma - start));
      start = comma == std::string_view::npos ? value.size() + 1 : comma + 1;
    }
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    std::string address = NormalizeAddress(*hop);
    if (address.empty()) break;  // garbage: trust nothing further left
    client = address;
    if (!proxies.Contains(address)) break;
  }
  return client;
}

absl::StatusOr<Metadata> RequestMetadata(const std::vector<HttpHeader>& headers,
                                         std::string_view client_address,
                                         std::string_view request_id) {
  Metadata metadata;
  std::string cookies;
  for (const HttpHeader& h : headers) {
    if (std::find(kForwardedRequestHeaders.begin(), kForwardedRequestHeaders.end(), h.name) ==
        kForwardedRequestHeaders.end()) {
      continue;
    }
    if (!Printable(h.value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("header ", h.name, " holds characters that are not printable ASCII"));
    }
    if (h.name == "cookie") {  // several Cookie headers are one list
      absl::StrAppend(&cookies, cookies.empty() ? "" : "; ", h.value);
      continue;
    }
    metadata.emplace_back(h.name, h.value);
  }
  if (!cookies.empty()) metadata.emplace_back("cookie", std::move(cookies));
  metadata.emplace_back("x-request-id", std::string(request_id));
  metadata.emplace_back("x-forwarded-for", std::string(client_address));
  return metadata;
}

std::vector<HttpHeader> ResponseHeaders(const Metadata& initial, const Metadata& trailing) {
  std::vector<HttpHeader> headers;
  for (const Metadata* md : {&initial, &trailing}) {
    for (const auto& [key, value] : *md) {
      if (std::find(kForwardedResponseMetadata.begin(), kForwardedResponseMetadata.end(), key) !=
          kForwardedResponseMetadata.end()) {
        headers.push_back({key, value});
      }
    }
  }
  return headers;
}

}  // namespace helpdesk::gateway
