// HTTP clients for the gateway's integration tests: libcurl for ordinary
// requests (one handle, so its connection is reused), and a raw socket for
// requests curl will not send (stalls, hand-made framing).
//
//   HttpClient client(port);
//   HttpResult r = client.Send("POST", "/v1/echo/items", R"({"id":"x"})");
//   EXPECT_EQ(r.status, 200);
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace helpdesk::gateway::testing {

struct HttpResult {
  int curl_code = 0;  // CURLE_OK when the transfer completed
  long status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  long new_connections = 0;  // connections opened for this request

  // The first value of `name` (lower-case), or "".
  std::string Header(const std::string& name) const;
  std::vector<std::string> Headers(const std::string& name) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  explicit HttpClient(int port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Get(const std::string& target, const Headers& headers = {});
  // `body` is sent as is (with Content-Type: application/json unless
  // `headers` name another).
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const Headers& headers = {});

 private:
  HttpResult Perform(const std::string& method, const std::string& target, const std::string* body,
                     const Headers& headers);
  int port_;
  void* curl_;
};

// A plain TCP connection to 127.0.0.1:port.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();

  bool connected() const { return fd_ >= 0; }
  bool Send(const std::string& bytes);
  // Everything received until the peer closes, or until `deadline`;
  // `closed` tells which.
  std::string ReadUntilClosed(absl::Time deadline, bool* closed);
  // Bytes received until `needle` appears, the peer closes, or `deadline`.
  std::string ReadUntil(const std::string& needle, absl::Time deadline);

 private:
  int fd_ = -1;
};

}  // namespace helpdesk::gateway::testing
