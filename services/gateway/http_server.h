// The gateway's HTTP/1.1 server (Boost.Beast, asynchronous): keep-alive
// connections served by a small thread pool, no thread blocked per
// connection. Each request becomes an HttpExchange handed to an HttpHandler;
// the handler answers from any thread (gRPC's callbacks included) and the
// exchange carries the work back to the connection's strand.
//
//   HELPDESK_ASSIGN_OR_RETURN(auto server, HttpServer::Start({.port = 0}, &handler));
//   int port = server->port();
//   ...
//   server->StopAccepting();                     // graceful shutdown
//   server->WaitConnectionsClosed(absl::Now() + absl::Seconds(10));
//   server->Stop();
//
// The server itself answers, with a JSON error and by closing the connection:
// 431 for a header block over max_header_bytes, 408 for a request not
// received within read_timeout, 413 for a body over the handler's limit, 400
// for a request that is not HTTP. An idle keep-alive connection is closed
// after idle_timeout. Requests are counted in helpdesk_http_requests_total
// {route, code} and timed in helpdesk_http_request_duration_seconds{route}.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/http_message.h"

namespace helpdesk::gateway {

// One request and its answer. Every method may be called from any thread;
// callbacks run on the connection's strand. Answer exactly once: Respond, or
// StartStream … FinishStream, or Abort.
class HttpExchange {
 public:
  virtual ~HttpExchange() = default;

  virtual const HttpRequestHead& head() const = 0;
  // Labels the request for metrics ("GET /v1/tickets/{id}") and for the
  // server's own answers (X-Request-Id). Call from Handle.
  virtual void Describe(std::string route_label, std::string request_id) = 0;

  // The whole body, at most `limit` bytes. On an error the exchange has
  // already answered (413 too large, 408 too slow) or the connection is gone.
  virtual void ReadBody(size_t limit, std::function<void(absl::StatusOr<std::string>)> done) = 0;
  // The next piece of the body (at most `max_chunk` bytes; `last` at its
  // end), `limit` bounding the whole body. Errors as ReadBody.
  virtual void ReadBodyChunk(size_t max_chunk, size_t limit,
                             std::function<void(absl::Status, std::string, bool last)> done) = 0;

  virtual void Respond(HttpResponse response) = 0;
  // A chunked answer: headers now, then chunks, then the end.
  virtual void StartStream(int status, std::vector<HttpHeader> headers) = 0;
  // `done(false)` when the client is gone.
  virtual void WriteChunk(std::string data, std::function<void(bool ok)> done) = 0;
  virtual void FinishStream() = 0;
  // Closes the connection: an answer that cannot be completed.
  virtual void Abort() = 0;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Called on the connection's strand; must not block.
  virtual void Handle(std::shared_ptr<HttpExchange> exchange) = 0;
};

struct HttpServerOptions {
  std::string host = "0.0.0.0";
  int port = 8080;  // 0 picks a free port
  int threads = 2;
  size_t max_header_bytes = 16 * 1024;
  absl::Duration read_timeout = absl::Seconds(30);
  absl::Duration idle_timeout = absl::Seconds(60);
};

class HttpServer {
 public:
  // Binds and serves. INVALID_ARGUMENT for a host that is not an IP address,
  // UNAVAILABLE naming the address when it cannot bind. `handler` must
  // outlive the server.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(HttpServerOptions options,
                                                           HttpHandler* handler);
  ~HttpServer();

  int port() const;
  // Stops accepting and closes idle connections; busy ones close after
  // their current answer.
  void StopAccepting();
  // Whether every connection closed before `deadline`.
  bool WaitConnectionsClosed(absl::Time deadline);
  // Closes every connection and stops the threads.
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace helpdesk::gateway
