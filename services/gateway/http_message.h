// The plain HTTP request and response shapes the gateway's logic works with,
// so that only http_server.cc sees Boost.Beast.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace helpdesk::gateway {

struct HttpHeader {
  std::string name;  // lower-case on requests
  std::string value;

  bool operator==(const HttpHeader&) const = default;
};

struct HttpRequestHead {
  std::string method;  // "GET"
  std::string target;  // as sent: path and query
  std::string path;    // the target before '?'
  std::string query;   // the target after '?', still encoded
  std::vector<HttpHeader> headers;
  std::string peer_address;  // the socket peer, e.g. "10.0.0.7" or "::1"
  std::optional<uint64_t> content_length;

  // The first value of header `name` (lower-case), or nullptr.
  const std::string* Find(std::string_view name) const {
    for (const HttpHeader& h : headers) {
      if (h.name == name) return &h.value;
    }
    return nullptr;
  }
};

struct HttpResponse {
  int status = 200;
  std::vector<HttpHeader> headers;
  std::string body;
  // Answer to HEAD: headers (Content-Length of `body`) without the body.
  bool head_only = false;
};

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

}  // namespace helpdesk::gateway
